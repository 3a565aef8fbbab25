package dev.gazette.engagement;

/** The words of the engagement sections, pages and mails, in the publication's language. */
record Words(String lang, String likes, String like, String unlike, String coffee, String coffeeNote, String coffees,
        String name, String email, String message, String sendCoffee, String noteTitle, String noteText, String sendNote,
        String commentsTitle, String firstComment, String commentsOff, String subscribersOnly, String writer,
        String reply, String post, String edited, String thanksTitle, String thanksText, String previewFeedback,
        String feedbackComment, String send, String good, String okay, String bad, String checkEmailTitle,
        String checkEmailText, String confirmTitle, String confirmButton, String confirmedTitle, String confirmedText,
        String tipsOff, String noteMessage, String noScript, String commentHeld) {

    static final Words KO = new Words("ko", "좋아요", "좋아요", "좋아요 취소", "작가에게 커피 보내기",
            "커피와 함께 응원의 메시지를 보내 보세요.", "커피", "이름 (선택)", "이메일", "메시지 (선택)", "☕ 커피 보내기",
            "작가에게 노트 보내기", "작가에게만 보이는 비공개 메시지를 남길 수 있어요.", "노트 보내기", "댓글",
            "첫 번째 댓글을 남겨주세요.", "이 레터에는 댓글을 달 수 없어요.", "구독자만 댓글을 남길 수 있어요. 메일의 링크로 들어와 주세요.",
            "작가", "답글", "댓글 남기기", "수정됨", "감사합니다!", "소중한 의견이 전달되었어요.",
            "미리보기의 링크라서 기록하지 않았어요.", "덧붙이고 싶은 말 (선택)", "보내기", "좋았어요", "보통이에요", "아쉬워요",
            "메일함을 확인해 주세요", "보내신 내용을 확인하는 메일을 보냈어요. 메일의 링크를 누르면 전달됩니다.", "확인해 주세요",
            "확인하고 보내기", "전달되었어요", "작가에게 전달되었습니다.", "이 뉴스레터는 아직 커피를 받지 않아요.", "메시지",
            "스크립트가 꺼져 있어요. 좋아요, 커피, 노트, 댓글은 여기에서 보낼 수 있어요.",
            "댓글이 전달되었어요. 작가가 승인하면 여기에 보여요.");

    static final Words EN = new Words("en", "likes", "Like", "Unlike", "Send the writer a coffee",
            "Buy the writer a coffee and leave a note.", "coffees", "Name (optional)", "Email", "Message (optional)",
            "☕ Send coffee", "Send the writer a note", "A private message only the writer sees.", "Send note",
            "Comments", "Be the first to comment.", "Comments are off for this letter.",
            "Only subscribers can comment: open this page from the link in your email.", "Writer", "Reply",
            "Post comment", "edited", "Thank you!", "Your feedback reached the writer.",
            "This link is from a preview, so nothing was recorded.", "Anything to add? (optional)", "Send", "Good",
            "Okay", "Bad", "Check your inbox", "We sent you an email to confirm. Follow its link to deliver your message.",
            "Please confirm", "Confirm and send", "Delivered", "The writer has received it.",
            "This newsletter takes no coffees yet.", "Message",
            "Scripts are off: like, send a coffee, a note or a comment from here.",
            "Thank you: your comment appears here once the writer approves it.");

    static Words of(String locale) {
        return "ko".equals(locale) ? KO : EN;
    }

    public String rating(String rating) {
        return switch (rating) {
            case "good" -> good;
            case "okay" -> okay;
            default -> bad;
        };
    }
}
