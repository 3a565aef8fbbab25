package dev.gazette.subscriber;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of the consent ledger: a time consent was given, what was shown, and its confirmation. */
@Entity
@Table(name = "consent")
class Consent extends PanacheEntityBase {

    /** Where consent was given: the public form, a CSV import, or the writer API. */
    static final String FORM = "form";
    static final String IMPORT = "import";
    /** Kept after the two-yearly reminder of an advertising publication (see ConsentReminders). */
    static final String REMINDER = "reminder";
    static final String API = "api";

    /** How consent was withdrawn: the link in a mail, a mail to the list's unsubscribe address, the writer. */
    static final String LINK = "link";
    static final String MAILTO = "mailto";
    static final String WRITER = "writer";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subscriber_id")
    public long subscriberId;

    /** {@link #FORM}, {@link #IMPORT} or {@link #API}. */
    public String source;

    /** double_opt_in (the person confirmed by email) or writer_attested. */
    public String method;

    @Column(name = "given_at")
    public Instant givenAt;

    public String ip;
    public String wording;

    @Column(name = "policy_version")
    public String policyVersion;

    public String note;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "confirmation_ip")
    public String confirmationIp;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    /** How consent was withdrawn: {@link #LINK}, {@link #MAILTO}, {@link #WRITER}; null before V28. */
    @Column(name = "withdrawn_via")
    public String withdrawnVia;

    static List<Consent> of(long subscriberId) {
        return list("subscriberId = ?1 order by id", subscriberId);
    }
}
