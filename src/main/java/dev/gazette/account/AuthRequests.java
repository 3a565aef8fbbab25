package dev.gazette.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.gazette.core.EmailAddresses;
import dev.gazette.core.SingleLine;
import dev.gazette.core.ValidEmail;

/** Request bodies of the account API. */
final class AuthRequests {

    private AuthRequests() {
    }

    record SignupRequest(
            @NotBlank @Size(max = EmailAddresses.MAX_LENGTH) @ValidEmail String email,
            @NotNull @Size(max = 200) String password,
            @NotBlank @Size(max = 200) @SingleLine String name) {
    }

    record LoginRequest(
            @NotBlank @Size(max = EmailAddresses.MAX_LENGTH) String email,
            @NotNull @Size(max = 200) String password) {
    }

    record ChangePasswordRequest(
            @NotNull @Size(max = 200) String currentPassword,
            @NotNull @Size(max = 200) String newPassword) {
    }

    record CreateTokenRequest(
            @NotBlank @Size(max = 100) @SingleLine String name,
            @Min(1) @Max(3650) Integer expiresInDays) {
    }
}
