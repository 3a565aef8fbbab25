package dev.gazette.subscriber;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.ClientAddresses;
import dev.gazette.core.FormGuard;
import dev.gazette.publication.PublicationRef;
import dev.gazette.subscriber.SubscriberRequests.UpdatePreferences;
import dev.gazette.subscriber.SubscriberSelfService.SelfView;
import dev.gazette.subscriber.SubscriberViews.DataExport;
import dev.gazette.subscriber.SubscriberViews.Topic;

/**
 * The pages a subscriber reaches through the signed links in their mail. No login and no cookie:
 * the token is the credential. A GET never changes anything (link scanners fetch every GET, HEAD
 * included): the confirmation link too shows a button, and only its POST confirms.
 */
@Path("/")
class LinkPages {

    /** What the preferences page and its JSON twin show. */
    record PreferencesView(String email, String name, SubscriberStatus status, List<Topic> topics) {
        static PreferencesView of(SelfView view) {
            return new PreferencesView(view.email(), view.name(), view.status(), view.topics());
        }
    }

    private final Subscriptions subscriptions;
    private final SubscriberSelfService self;
    private final SubscriberLinks links;
    private final ClientAddresses clients;
    private final FormGuard guard;
    private final jakarta.enterprise.inject.Instance<PreferenceSections> sections;

    LinkPages(Subscriptions subscriptions, SubscriberSelfService self, SubscriberLinks links, ClientAddresses clients,
            FormGuard guard, jakarta.enterprise.inject.Instance<PreferenceSections> sections) {
        this.sections = sections;
        this.subscriptions = subscriptions;
        this.self = self;
        this.links = links;
        this.clients = clients;
        this.guard = guard;
    }

    /**
     * Shows the confirmation button and changes nothing: mail scanners fetch every link of a
     * message, so a fetch must not confirm a subscription someone else asked for.
     */
    @GET
    @Path("/confirm/{token}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance confirmPage(@PathParam("token") String token) {
        Subscriptions.ConfirmResult result = subscriptions.confirmPage(token);
        if (result.outcome() != Subscriptions.Confirmation.confirmed) {
            return confirmed(result);
        }
        PublicationRef p = result.publication();
        return PageTemplates.confirmPage(Notice.of(p, "구독을 확인해 주세요", p.name() + " 구독을 확인하려면 아래 버튼을 눌러 주세요.",
                "Confirm your subscription", "Press the button below to confirm your subscription to " + p.name() + "."),
                token, guard.token());
    }

    /**
     * The button of the confirmation page: the subscriber becomes active and gets a welcome email.
     * Answered once the batch that holds the press has committed; no thread waits for it meanwhile.
     */
    @POST
    @Path("/confirm/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public CompletionStage<TemplateInstance> confirm(@PathParam("token") String token,
            @FormParam(FormGuard.FIELD) String csrf, @Context HttpServerRequest http) {
        guard.check(csrf);
        CompletableFuture<TemplateInstance> page = new CompletableFuture<>();
        subscriptions.confirm(token, clients.of(http)).whenComplete((result, failure) -> {
            if (failure != null) {
                page.completeExceptionally(failure);
            } else {
                page.complete(confirmed(result));
            }
        });
        return page;
    }

    private static TemplateInstance confirmed(Subscriptions.ConfirmResult result) {
        PublicationRef p = result.publication();
        return PageTemplates.notice(switch (result.outcome()) {
            case confirmed -> Notice.of(p, "구독이 확인되었습니다", "다음 편지부터 보내 드립니다. 환영 메일을 확인해 보세요.",
                    "You are subscribed", "The coming letters will reach you. A welcome email is on its way.");
            case already_confirmed -> Notice.of(p, "이미 확인된 구독입니다", "더 하실 일은 없습니다.",
                    "Already confirmed", "There is nothing more to do.");
            case unavailable -> Notice.of(p, "구독할 수 없는 주소입니다", "이 주소로는 메일을 보낼 수 없습니다.",
                    "This address cannot subscribe", "We cannot send mail to this address.");
        });
    }

    /** Shows a button; changes nothing. */
    @GET
    @Path("/unsubscribe/{token}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance unsubscribePage(@PathParam("token") String token) {
        SelfView view = self.unsubscribePage(token);
        boolean done = view.status() != SubscriberStatus.active && view.status() != SubscriberStatus.pending;
        return PageTemplates.unsubscribe(Notice.of(view.publication(), "구독 해지", view.publication().name() + " 구독을 해지할까요?",
                "Unsubscribe", "Stop receiving " + view.publication().name() + "?"), token, done);
    }

    /**
     * Unsubscribes at once: the one-click POST of RFC 8058 (body {@code List-Unsubscribe=One-Click},
     * no cookie) and the page's button alike. Whatever the body, and however often.
     */
    @POST
    @Path("/unsubscribe/{token}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance unsubscribe(@PathParam("token") String token) {
        PublicationRef p = self.unsubscribe(token);
        return PageTemplates.notice(Notice.of(p, "구독이 해지되었습니다", "더 이상 메일을 보내지 않습니다.",
                "You are unsubscribed", "You will not receive any more letters."));
    }

    @GET
    @Path("/preferences/{token}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance preferences(@PathParam("token") String token) {
        return preferencesPage(token, self.preferences(token), false);
    }

    @GET
    @Path("/preferences/{token}")
    @Produces(MediaType.APPLICATION_JSON)
    public PreferencesView preferencesJson(@PathParam("token") String token) {
        return PreferencesView.of(self.preferences(token));
    }

    @POST
    @Path("/preferences/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance savePreferences(@PathParam("token") String token, @FormParam("name") String name,
            @FormParam("topics") List<String> topics) {
        return preferencesPage(token, self.updatePreferences(token, name, topics == null ? List.of() : topics), true);
    }

    @POST
    @Path("/preferences/{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PreferencesView savePreferencesJson(@PathParam("token") String token,
            @NotNull @Valid UpdatePreferences request) {
        return PreferencesView.of(self.updatePreferences(token, request.name(), request.topics()));
    }

    /** Everything kept about the subscriber, consent ledger included, as a JSON download. */
    @GET
    @Path("/preferences/{token}/export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@PathParam("token") String token) {
        DataExport export = self.export(token);
        return Response.ok(export).header("Content-Disposition",
                "attachment; filename=\"" + export.publication().slug() + "-my-data.json\"").build();
    }

    @POST
    @Path("/preferences/{token}/erase")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance erase(@PathParam("token") String token) {
        PublicationRef p = self.erase(token);
        return PageTemplates.notice(Notice.of(p, "내 정보를 지웠습니다",
                "주소는 다시 메일을 보내지 않도록 복원할 수 없는 형태로만 남습니다.",
                "Your data is erased",
                "Your address is kept only in a form that cannot be turned back into it, so that we never mail it again."));
    }

    private TemplateInstance preferencesPage(String token, SelfView view, boolean saved) {
        boolean subscribed = view.status() == SubscriberStatus.active || view.status() == SubscriberStatus.pending;
        return PageTemplates.preferences(Notice.of(view.publication(), "구독 설정", view.publication().name(),
                "Preferences", view.publication().name()), token, PreferencesView.of(view), saved,
                subscribed ? links.unsubscribeUrl(view.subscriberId()) : null, sections(token, view));
    }

    /** What other features show on the page (a membership, its receipts). */
    private io.quarkus.qute.RawString sections(String token, SelfView view) {
        StringBuilder html = new StringBuilder();
        sections.forEach(s -> html.append(s.section(view.publication().id(), view.subscriberId(), token,
                view.publication().locale()).getValue()));
        return new io.quarkus.qute.RawString(html.toString());
    }
}
