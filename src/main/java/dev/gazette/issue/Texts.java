package dev.gazette.issue;

/** The words of the default email layout and the web page, in the publication's language. */
record Texts(
        String lang, String readOnWeb, String feedbackQuestion, String good, String okay, String bad,
        String coffee, String unsubscribe, String preferences, String sentBy, String why,
        String views, String likes, String subscribeTitle, String subscribeText, String emailPlaceholder,
        String subscribe, String others, String terms, String privacy, String recurringTerms, String testMark, String sections,
        String feedTitle, String comments) {

    static final Texts KO = new Texts("ko", "웹에서 보기", "이번 레터 어떠셨나요?", "좋았어요", "보통이에요", "아쉬워요",
            "작가에게 커피 보내기", "구독 해지", "구독 설정", "보낸 사람",
            "%s 구독자에게 보내는 메일입니다.", "조회수", "좋아요", "구독하고 다음 레터 받아보기",
            "다가오는 레터를 메일로 받아보세요.", "이메일 주소", "구독하기", "다른 뉴스레터", "이용약관",
            "개인정보처리방침", "정기결제 이용약관", "[테스트] ", "목차", "%s 레터 모음", "댓글 남기기");

    static final Texts EN = new Texts("en", "Read on the web", "How was this letter?", "Good", "Okay", "Bad",
            "Send the writer a coffee", "Unsubscribe", "Preferences",
            "Sent by", "You receive this because you subscribed to %s.", "views", "likes",
            "Subscribe to get the coming letters", "Get the next letters in your inbox.", "Email address",
            "Subscribe", "Other newsletters", "Terms", "Privacy policy",
            "Recurring payment terms", "[TEST] ", "Contents", "%s letters", "Leave a comment");

    static Texts of(String locale) {
        return "ko".equals(locale) ? KO : EN;
    }

    public String whyFor(String publication) {
        return why.formatted(publication);
    }
}
