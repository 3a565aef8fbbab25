package dev.gazette.sender;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS (dnsjava) for the records a sender domain publishes, straight from the configured resolver
 * ({@code gazette.domains.resolver}, else the system's), without a cache: a writer who just published a
 * record sees it found at the next check.
 */
@ApplicationScoped
class DnsLookup {

    /** The resolver could not answer (timeout, refusal): nothing can be concluded about the record. */
    static class Unanswered extends Exception {
        Unanswered(String message) {
            super(message);
        }
    }

    private final Resolver resolver;

    DnsLookup(SenderDomainConfig config) throws UnknownHostException {
        Resolver r;
        if (config.resolver().filter(s -> !s.isBlank()).isPresent()) {
            String address = config.resolver().get().strip();
            int colon = address.lastIndexOf(':');
            boolean withPort = colon > 0 && address.indexOf(':') == colon; // host:port, not a bare IPv6 address
            SimpleResolver simple = new SimpleResolver(withPort ? address.substring(0, colon) : address);
            if (withPort) {
                simple.setPort(Integer.parseInt(address.substring(colon + 1)));
            }
            r = simple;
        } else {
            r = new ExtendedResolver();
        }
        r.setTimeout(config.timeout());
        this.resolver = r;
    }

    /** The TXT records at the name, each one's strings joined (long DKIM keys come in pieces). */
    List<String> txt(String name) throws Unanswered {
        List<String> found = new ArrayList<>();
        for (Record record : ask(name, Type.TXT)) {
            if (record instanceof TXTRecord txt) {
                found.add(String.join("", txt.getStrings()));
            }
        }
        return found;
    }

    /** Where the name is an alias of, if it is one. */
    Optional<String> cname(String name) throws Unanswered {
        for (Record record : ask(name, Type.CNAME)) {
            if (record instanceof CNAMERecord cname) {
                return Optional.of(withoutDot(cname.getTarget().toString()));
            }
        }
        return Optional.empty();
    }

    private List<Record> ask(String name, int type) throws Unanswered {
        try {
            Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(withDot(name)), type, DClass.IN)));
            int rcode = answer.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return List.of();
            }
            if (rcode != Rcode.NOERROR) {
                throw new Unanswered(name + ": " + Rcode.string(rcode));
            }
            return answer.getSection(Section.ANSWER);
        } catch (TextParseException e) {
            return List.of(); // not a name DNS can hold: nothing is published there
        } catch (IOException e) {
            throw new Unanswered(name + ": " + e.getMessage());
        }
    }

    private static String withDot(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    static String withoutDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
