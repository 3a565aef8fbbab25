package dev.gazette.issue;

/** The words of the default email layout and the web page, in the publication's language. */
record Texts(
        String lang, String readOnWeb, String feedbackQuestion, String good, String okay, String bad,
        String coffee, String coffeeNote, String unsubscribe, String preferences, String sentBy, String why,
        String views, String likes, String subscribeTitle, String subscribeText, String emailPlaceholder,
        String subscribe, String commentsTitle, String firstComment, String noteTitle, String noteText,
        String others, String terms, String privacy, String recurringTerms, String testMark, String sections,
        String feedTitle) {

    static final Texts KO = new Texts("ko", "웹에서 보기", "이번 레터 어떠셨나요?", "좋았어요", "보통이에요", "아쉬워요",
            "작가에게 커피 보내기", "커피와 함께 응원의 메시지를 보내 보세요.", "구독 해지", "구독 설정", "보낸 사람",
            "%s 구독자에게 보내는 메일입니다.", "조회수", "좋아요", "구독하고 다음 레터 받아보기",
            "다가오는 레터를 메일로 받아보세요.", "이메일 주소", "구독하기", "댓글", "첫 번째 댓글을 남겨주세요.",
            "작가에게 노트 보내기", "작가에게만 보이는 비공개 메시지를 남길 수 있어요.", "다른 뉴스레터", "이용약관",
            "개인정보처리방침", "정기결제 이용약관", "[테스트] ", "목차", "%s 레터 모음");

    static final Texts EN = new Texts("en", "Read on the web", "How was this letter?", "Good", "Okay", "Bad",
            "Send the writer a coffee", "Buy the writer a coffee and leave a note.", "Unsubscribe", "Preferences",
            "Sent by", "You receive this because you subscribed to %s.", "views", "likes",
            "Subscribe to get the coming letters", "Get the next letters in your inbox.", "Email address",
            "Subscribe", "Comments", "Be the first to comment.", "Send the writer a note",
            "A private message only the writer sees.", "Other newsletters", "Terms", "Privacy policy",
            "Recurring payment terms", "[TEST] ", "Contents", "%s letters");

    static Texts of(String locale) {
        return "ko".equals(locale) ? KO : EN;
    }

    public String whyFor(String publication) {
        return why.formatted(publication);
    }
}
