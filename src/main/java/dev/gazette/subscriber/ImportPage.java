package dev.gazette.subscriber;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.ClientAddresses;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.core.StudioText;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.SubscriberViews.ImportReport;

/**
 * The studio's CSV import: a file uploaded with a form (its progress shown by a small script, the
 * form works without it), read by the same importer as the API, and the report in words: how many
 * were created, updated and skipped, and each bad line with its number and what is wrong with it.
 */
@Path("/studio/publications/{slug}/subscribers/import")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class ImportPage {

    record BadLine(long line, String reason) {
    }

    /** The report as the page shows it; {@code pending} is how many were sent a confirmation. */
    record Report(long created, long updated, long skipped, List<BadLine> bad, long unlisted, long pending) {
    }

    @CheckedTemplate(basePath = "subscriber")
    static class Templates {
        static native TemplateInstance importer(String lang, PublicationRef publication, Report report, String error,
                String consentNote, boolean doubleOptIn, String csrf, boolean admin);
    }

    private final SubscriberImport importer;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final ClientAddresses clients;

    ImportPage(SubscriberImport importer, Publications publications, CurrentCaller caller, FormGuard guard,
            ClientAddresses clients) {
        this.importer = importer;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
        this.clients = clients;
    }

    @GET
    public TemplateInstance form(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug) {
        String lang = Languages.of(languages);
        return page(lang, publications.requireManaged(caller.get(), slug), null, null, "", false);
    }

    /** Imports the uploaded file and answers with its report; a file that cannot be read stores nothing. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm("file") FileUpload file, @RestForm String consentNote,
            @RestForm String doubleOptIn, @RestForm String startSequences, @Context HttpServerRequest http) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        StudioText text = Languages.studio(lang);
        AudienceText words = SubscribersPage.words(lang);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        boolean confirm = doubleOptIn != null;
        String note = consentNote == null || consentNote.isBlank() ? null : consentNote.strip();
        if (note != null && note.length() > 500) {
            return refused(lang, publication, words.field_consentNote() + ("ko".equals(lang) ? "" : " ")
                    + text.error_invalid_length(), consentNote, confirm);
        }
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            return refused(lang, publication, words.file_missing(), consentNote, confirm);
        }
        ImportReport report;
        try (InputStream body = Files.newInputStream(file.uploadedFile())) {
            report = importer.run(caller.get(), slug, body, clients.of(http), note, confirm, startSequences != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                throw e;
            }
            return refused(lang, publication, fileProblem(words, e.code()), consentNote, confirm);
        }
        List<BadLine> bad = report.errors().stream().map(l -> new BadLine(l.line(), reason(words, l.code()))).toList();
        Report shown = new Report(report.created(), report.updated(), report.skipped(), bad,
                report.errorCount() - bad.size(), confirm ? report.created() : 0);
        return Response.ok(page(lang, publication, shown, null, "", false)).build();
    }

    private Response refused(String lang, PublicationRef publication, String error, String note, boolean confirm) {
        return Response.status(422).entity(page(lang, publication, null, error, note, confirm)).build();
    }

    private TemplateInstance page(String lang, PublicationRef publication, Report report, String error, String note,
            boolean confirm) {
        return Templates.importer(lang, publication, report, error, note, confirm, guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }

    /** A bad line's reason in words, from the importer's stable code. */
    static String reason(AudienceText words, String code) {
        return switch (code) {
            case "missing_email" -> words.line_missing_email();
            case "invalid_email" -> words.line_invalid_email();
            case "invalid_name" -> words.line_invalid_name();
            case "invalid_tag" -> words.line_invalid_tag();
            case "too_many_tags" -> words.line_too_many_tags();
            case "invalid_status" -> words.line_invalid_status();
            case "invalid_attribute" -> words.line_invalid_attribute();
            case "field_too_long" -> words.line_field_too_long();
            default -> code;
        };
    }

    private static String fileProblem(AudienceText words, String code) {
        return switch (code) {
            case "csv_missing_header" -> words.file_csv_missing_header();
            case "csv_missing_email_column" -> words.file_csv_missing_email_column();
            case "csv_too_many_columns" -> words.file_csv_too_many_columns();
            case "invalid_encoding" -> words.file_invalid_encoding();
            case "malformed_csv" -> words.file_malformed_csv();
            case "import_too_large" -> words.file_import_too_large();
            default -> words.file_invalid();
        };
    }
}
