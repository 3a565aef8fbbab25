package dev.gazette.account;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the account settings page, in English here and in Korean in {@code
 * messages/account_ko.properties}; templates use them as {@code {account:key}}. A bundle of its
 * own: Quarkus 3.33's generated bundle fails to load past 300 keys (quarkus#55584).
 */
@MessageBundle(value = "account", locale = "en")
interface AccountText {

    @Message("Account settings")
    String title();

    @Message("Your account")
    String profile();

    @Message("Name")
    String name();

    @Message("Email")
    String email();

    @Message("Role")
    String role();

    @Message("Admin")
    String role_admin();

    @Message("Writer")
    String role_writer();

    @Message("Change your password")
    String passwordTitle();

    @Message("Changing it ends every other session and revokes every API token.")
    String passwordHint();

    @Message("Current password")
    String currentPassword();

    @Message("New password")
    String newPassword();

    @Message("Change password")
    String changePassword();

    @Message("Your password is changed: other sessions and API tokens are ended.")
    String done_password();

    @Message("Revoked.")
    String done_revoked();

    @Message("Sessions and API tokens")
    String tokensTitle();

    @Message("Kind")
    String tokenKind();

    @Message("Session")
    String kind_session();

    @Message("API token")
    String kind_api();

    @Message("Name")
    String tokenName();

    @Message("Created")
    String created();

    @Message("Last used")
    String lastUsed();

    @Message("Expires")
    String expires();

    @Message("never")
    String never();

    @Message("this browser")
    String current();

    @Message("Revoke")
    String revoke();

    @Message("New API token")
    String newTokenTitle();

    @Message("For scripts and other tools: send it as Authorization: Bearer. It can do what you can.")
    String newTokenHint();

    @Message("Expires after (days, empty for never)")
    String expiresInDays();

    @Message("Create token")
    String createToken();

    @Message("Copy this token now: Gazette keeps only its hash and will not show it again.")
    String tokenOnce();

    @Message("Give the token a name of one line, up to 100 characters.")
    String tokenNameError();

    @Message("Days must be a whole number from 1 to 3650.")
    String tokenDaysError();

    @Message("This is not your current password.")
    String error_wrong_password();

    @Message("A password needs at least 10 characters.")
    String error_password_too_short();

    @Message("A password may have at most 72 bytes (about 24 Korean letters or 72 Latin ones).")
    String error_password_too_long();
}
