package dev.gazette.sender;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The records a sender domain must publish, and their check against DNS: the DKIM key at
 * {@code <selector>._domainkey.<domain>}, an SPF record that lets the relay send, a DMARC policy
 * at {@code _dmarc.<domain>}, and, when Gazette has a bounce domain, the return-path host.
 */
@ApplicationScoped
class DomainRecords {

    private final SenderDomainConfig config;
    private final DnsLookup dns;

    DomainRecords(SenderDomainConfig config, DnsLookup dns) {
        this.config = config;
        this.dns = dns;
    }

    /** What to publish, not checked yet. */
    List<RecordCheck> expected(String domain, String selector, String publicKey) {
        List<RecordCheck> records = new ArrayList<>();
        records.add(unchecked("dkim", "TXT", selector + "._domainkey." + domain, "v=DKIM1; k=rsa; p=" + publicKey));
        records.add(unchecked("spf", "TXT", domain, "v=spf1 " + config.spfInclude() + " ~all"));
        records.add(unchecked("dmarc", "TXT", "_dmarc." + domain, config.dmarcPolicy()));
        returnPathTarget().ifPresent(target -> records
                .add(unchecked("return_path", "CNAME", config.returnPathHost() + "." + domain, target)));
        return records;
    }

    /** Each record as DNS has it now. */
    List<RecordCheck> check(String domain, String selector, String publicKey) {
        return expected(domain, selector, publicKey).stream().map(record -> {
            try {
                return switch (record.kind()) {
                    case "dkim" -> matchTxt(record, v -> tag(v, "p").isPresent(),
                            v -> tag(v, "p").map(p -> p.equals(publicKey)).orElse(false));
                    case "spf" -> matchTxt(record, v -> lower(v).startsWith("v=spf1"),
                            v -> List.of(lower(v).split("\\s+")).contains(lower(config.spfInclude())));
                    case "dmarc" -> matchTxt(record, v -> true, v -> lower(v).replace(" ", "").startsWith("v=dmarc1"));
                    default -> dns.cname(record.name())
                            .map(found -> found.equalsIgnoreCase(record.value())
                                    ? record.with(RecordCheck.OK, null)
                                    : record.with(RecordCheck.WRONG, found))
                            .orElse(record.with(RecordCheck.MISSING, null));
                };
            } catch (DnsLookup.Unanswered e) {
                return record.with(RecordCheck.UNANSWERED, null);
            }
        }).toList();
    }

    /** A TXT record: ok when one of {@code relevant} ones passes {@code right}; wrong when only others are there. */
    private RecordCheck matchTxt(RecordCheck record, Predicate<String> relevant,
            Predicate<String> right) throws DnsLookup.Unanswered {
        List<String> found = dns.txt(record.name()).stream().filter(relevant).toList();
        if (found.stream().anyMatch(right)) {
            return record.with(RecordCheck.OK, null);
        }
        return found.isEmpty() ? record.with(RecordCheck.MISSING, null) : record.with(RecordCheck.WRONG, found.get(0));
    }

    private Optional<String> returnPathTarget() {
        return config.returnPathTarget().filter(t -> !t.isBlank()).map(t -> DnsLookup.withoutDot(t.strip()));
    }

    /** A tag's value in a {@code tag=value; ...} list, white space removed (RFC 6376 3.2). */
    static Optional<String> tag(String record, String name) {
        for (String part : record.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).strip().equalsIgnoreCase(name)) {
                return Optional.of(part.substring(equals + 1).replaceAll("\\s", ""));
            }
        }
        return Optional.empty();
    }

    private static RecordCheck unchecked(String kind, String type, String name, String value) {
        return new RecordCheck(kind, type, name, value, RecordCheck.UNCHECKED, null);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT).strip();
    }
}
