package dev.gazette.sender;

import java.security.PrivateKey;
import java.util.Optional;

/** The DKIM key of a verified sender domain, for the delivery engine to sign mail From it. */
public interface SigningKeys {

    /** A domain's key and selector: d= is the domain itself, so the signature aligns with From. */
    record SigningKey(String domain, String selector, PrivateKey key) {
    }

    /** The key of this domain if it is verified now; empty for any other (the platform's key signs). */
    Optional<SigningKey> forDomain(String domain);
}
