package dev.gazette.publication;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.gazette.core.EmailAddresses;
import dev.gazette.core.SingleLine;
import dev.gazette.core.ValidEmail;

/** Request bodies of the publication API. In an update, a field left out (or null) is unchanged. */
final class PublicationRequests {

    static final String LOCALE = "ko|en";
    static final String CURRENCY = "[A-Z]{3}";

    private PublicationRequests() {
    }

    record CreatePublication(
            @NotBlank @Size(max = 40) String slug,
            @NotBlank @Size(max = 120) @SingleLine String name,
            @Size(max = 200) @SingleLine String tagline,
            @Size(max = 5000) String description,
            @Size(max = 60) @SingleLine String category,
            @NotBlank @Pattern(regexp = LOCALE, message = "must be ko or en") String locale,
            @Size(max = 64) String timeZone,
            @NotBlank @Size(max = 120) @SingleLine String senderName,
            @NotBlank @Size(max = EmailAddresses.MAX_LENGTH) @ValidEmail String senderEmail,
            @Size(max = EmailAddresses.MAX_LENGTH) @ValidEmail String replyTo,
            @Size(max = 500) @SingleLine String copyrightNotice,
            @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal tipPrice,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code such as KRW") String tipCurrency,
            Boolean tracking) {
    }

    record UpdatePublication(
            @Size(min = 1, max = 120) @SingleLine String name,
            @Size(max = 200) @SingleLine String tagline,
            @Size(max = 5000) String description,
            @Size(max = 60) @SingleLine String category,
            @Pattern(regexp = LOCALE, message = "must be ko or en") String locale,
            @Size(max = 64) String timeZone,
            @Size(min = 1, max = 120) @SingleLine String senderName,
            @Size(max = EmailAddresses.MAX_LENGTH) @ValidEmail String senderEmail,
            // "" clears it (README): the address is checked by the service (invalid_email), not here
            @Size(max = EmailAddresses.MAX_LENGTH) String replyTo,
            @Size(max = 500) @SingleLine String copyrightNotice,
            @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal tipPrice,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code such as KRW") String tipCurrency,
            Boolean tracking) {
    }

    record Suspension(@NotBlank @Size(max = 500) String reason) {
    }
}
