package dev.gazette.sender;

import java.util.List;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import dev.gazette.core.DomainException;

/** A domain as the pages show it: its state and each record's purpose and finding in the page's words. */
final class DomainWords {

    /** A domain with its words. */
    record Row(DomainView domain, String stateWords, List<Record> records) {
        public boolean verified() {
            return "verified".equals(domain.state());
        }
    }

    /** One record with its words. */
    record Record(RecordCheck check, String kindWords, String statusWords) {
        public boolean ok() {
            return check.ok();
        }
    }

    private DomainWords() {
    }

    static DomainText text(String lang) {
        return MessageBundles.get(DomainText.class, Localized.Literal.of(lang));
    }

    static Row of(String lang, DomainView domain) {
        DomainText text = text(lang);
        return new Row(domain, state(text, domain.state()), domain.records().stream()
                .map(r -> new Record(r, kind(text, r.kind()), status(text, r.status()))).toList());
    }

    static String state(DomainText text, String state) {
        return switch (state) {
            case "partial" -> text.state_partial();
            case "verified" -> text.state_verified();
            case "failing" -> text.state_failing();
            case "revoked" -> text.state_revoked();
            default -> text.state_pending();
        };
    }

    private static String kind(DomainText text, String kind) {
        return switch (kind) {
            case "dkim" -> text.kind_dkim();
            case "spf" -> text.kind_spf();
            case "dmarc" -> text.kind_dmarc();
            default -> text.kind_return_path();
        };
    }

    private static String status(DomainText text, String status) {
        return switch (status) {
            case RecordCheck.OK -> text.status_ok();
            case RecordCheck.MISSING -> text.status_missing();
            case RecordCheck.WRONG -> text.status_wrong();
            case RecordCheck.UNANSWERED -> text.status_unanswered();
            default -> text.status_unchecked();
        };
    }

    /** Why a form was refused, in the page's words; a refusal that is not about the form is thrown on. */
    static String why(String lang, DomainException e) {
        DomainText text = text(lang);
        String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
        return switch (code) {
            case "invalid_domain", "required" -> text.error_invalid();
            case "sender_domain_platform" -> text.error_platform();
            case "domain_exists" -> text.error_exists();
            case "sender_domain_taken" -> text.error_taken();
            case "too_many_domains" -> text.error_too_many();
            default -> throw e;
        };
    }
}
