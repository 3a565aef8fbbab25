package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DKIM private keys in the forms operators have them, and a clear refusal of anything else. */
class DkimKeysTest {

    private static KeyPair pair;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
    }

    @Test
    void readsPkcs8PemAsOpensslGenpkeyWritesIt() throws Exception {
        assertSigns(DkimKeys.parse(pem("PRIVATE KEY", pkcs8())));
    }

    @Test
    void readsPkcs1Pem() throws Exception {
        assertSigns(DkimKeys.parse(pem("RSA PRIVATE KEY", pkcs1())));
    }

    @Test
    void readsBase64DerOfEitherForm() throws Exception {
        assertSigns(DkimKeys.parse(Base64.getEncoder().encodeToString(pkcs8())));
        assertSigns(DkimKeys.parse(Base64.getEncoder().encodeToString(pkcs1()) + "\n"));
    }

    @Test
    void refusesWhatIsNotAnRsaPrivateKeyWithTheReason() {
        assertThatThrownBy(() -> DkimKeys.parse("not a key at all")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DKIM private key");
        assertThatThrownBy(() -> DkimKeys.parse(pem("PUBLIC KEY", pair.getPublic().getEncoded())))
                .hasMessageContaining("PUBLIC KEY");
        assertThatThrownBy(() -> DkimKeys.parse(pem("ENCRYPTED PRIVATE KEY", pkcs8()))).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> DkimKeys.parse("-----BEGIN PRIVATE KEY-----\nMIIE")).hasMessageContaining("incomplete");
        assertThatThrownBy(() -> DkimKeys.parse(pem("PRIVATE KEY", Arrays.copyOf(pkcs8(), 200))))
                .hasMessageContaining("not a PKCS#8 RSA private key");
    }

    @Test
    void theRelayRefusesToStartWithAKeyItCannotUse() {
        assertThatThrownBy(() -> new RelayMessenger("localhost", Optional.of(25), Optional.empty(), Optional.empty(), false,
                Optional.empty(), false, Optional.empty(), 1, true, Optional.of("-----BEGIN PRIVATE KEY-----\nAAAA\n"
                        + "-----END PRIVATE KEY-----"),
                Optional.empty(), Optional.of("s1"), Optional.of("example.com"), Optional.of(List.of("From")),
                domain -> Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("The DKIM settings are not usable")
                .hasMessageContaining("PKCS#8");
        new RelayMessenger("localhost", Optional.of(25), Optional.empty(), Optional.empty(), false, Optional.empty(), false,
                Optional.empty(), 1, true, Optional.of(pem("RSA PRIVATE KEY", pkcs1())), Optional.empty(),
                Optional.of("s1"), Optional.of("example.com"), Optional.of(List.of("From")), domain -> Optional.empty());
    }

    private static byte[] pkcs8() {
        return pair.getPrivate().getEncoded();
    }

    /** The RSAPrivateKey inside Java's PKCS#8 encoding: the OCTET STRING after version and algorithm. */
    private static byte[] pkcs1() {
        byte[] info = pkcs8();
        int offset = 2 + (info[1] & 0x7f); // outer SEQUENCE header
        offset += 3; // version
        offset += 2 + info[offset + 1]; // AlgorithmIdentifier
        int lengthBytes = info[offset + 1] & 0x7f; // OCTET STRING header
        offset += 2 + lengthBytes;
        return Arrays.copyOfRange(info, offset, info.length);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void assertSigns(PrivateKey key) throws Exception {
        byte[] data = "From: a@example.com".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }
}
