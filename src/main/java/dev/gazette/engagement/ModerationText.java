package dev.gazette.engagement;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the studio's comments page (the moderation queue, blocked readers and the comment
 * settings), in English here and in Korean in {@code messages/moderation_ko.properties}; templates
 * use them as {@code {moderation:key}}. A bundle of its own: Quarkus 3.33's generated bundle fails
 * to load past 300 keys (quarkus#55584).
 */
@MessageBundle(value = "moderation", locale = "en")
interface ModerationText {

    @Message("Comments")
    String commentsHeading();

    @Message("Awaiting approval")
    String tab_held();

    @Message("Published")
    String tab_visible();

    @Message("Hidden")
    String tab_hidden();

    @Message("Awaiting email confirmation")
    String tab_pending();

    @Message("All")
    String tab_all();

    @Message("Comments by status")
    String tabs();

    @Message("Issue")
    String issueFilter();

    @Message("All issues")
    String allIssues();

    @Message("Show")
    String filter();

    @Message("No comments here.")
    String noComments();

    @Message("Writer")
    String writer();

    @Message("(erased reader)")
    String erasedReader();

    @Message("Pinned")
    String pinned();

    @Message("reply")
    String replyTo();

    @Message("Approve")
    String approve();

    @Message("Hide")
    String hide();

    @Message("Show again")
    String show();

    @Message("Pin")
    String pin();

    @Message("Unpin")
    String unpin();

    @Message("Delete")
    String delete();

    @Message("Block this reader")
    String block();

    @Message("Blocking a reader hides all of their comments on this publication and refuses new ones from their address.")
    String blockHint();

    @Message("Reply as the writer")
    String reply();

    @Message("Your reply")
    String replyLabel();

    @Message("Post reply")
    String sendReply();

    @Message("Approved: the comment is on the issue's page.")
    String done_approved();

    @Message("Hidden.")
    String done_hidden();

    @Message("Pinned.")
    String done_pinned();

    @Message("Unpinned.")
    String done_unpinned();

    @Message("Deleted.")
    String done_deleted();

    @Message("Blocked: their comments on this publication are hidden.")
    String done_blocked();

    @Message("Unblocked: they may comment again.")
    String done_unblocked();

    @Message("Your reply is posted.")
    String done_replied();

    @Message("Blocked readers")
    String blocksTitle();

    @Message("Gazette keeps only a fingerprint of each blocked address, never the address itself.")
    String blocksHint();

    @Message("No one is blocked.")
    String noBlocks();

    @Message("Blocked:")
    String blockedOn();

    @Message("Unblock")
    String unblock();

    @Message("Block an address")
    String blockAddress();

    @Message("Email address")
    String emailLabel();

    @Message("Block")
    String blockButton();

    @Message("Comment settings")
    String settingsTitle();

    @Message("Whose comments wait for your approval")
    String moderationTitle();

    @Message("No one's: comments appear at once")
    String moderation_none();

    @Message("A reader's first comment: once you approve one, theirs appear at once")
    String moderation_first_time();

    @Message("Every reader's comment")
    String moderation_all();

    @Message("Actions on this comment")
    String actions();
}
