package dev.gazette.subscriber;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.ClientAddresses;
import dev.gazette.core.FormGuard;
import dev.gazette.publication.PublicationRef;

/**
 * The "keep receiving" link of a two-yearly consent reminder: GET shows a button and changes
 * nothing (mail scanners fetch every link), POST records the consent. Its "leave" link is the
 * subscriber's unsubscribe link.
 */
@Path("/consent/keep/{token}")
@Produces(MediaType.TEXT_HTML)
class ConsentReminderPages {

    private final ConsentReminders reminders;
    private final ClientAddresses clients;
    private final FormGuard guard;

    ConsentReminderPages(ConsentReminders reminders, ClientAddresses clients, FormGuard guard) {
        this.reminders = reminders;
        this.clients = clients;
        this.guard = guard;
    }

    @GET
    public TemplateInstance page(@PathParam("token") String token) {
        ConsentReminders.KeepResult result = reminders.keepPage(token);
        if (result.outcome() != ConsentReminders.Kept.kept) {
            return done(result);
        }
        PublicationRef p = result.publication();
        return PageTemplates.keepPage(Notice.of(p, "광고성 정보 수신동의 유지", p.senderName()
                + "의 광고성 정보를 계속 받으시려면 아래 버튼을 눌러 주세요.", "Keep receiving",
                "Press the button below to keep receiving advertising mail from " + p.senderName() + "."), token,
                guard.token());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance keep(@PathParam("token") String token, @FormParam(FormGuard.FIELD) String csrf,
            @Context HttpServerRequest http) {
        guard.check(csrf);
        return done(reminders.keep(token, clients.of(http)));
    }

    private static TemplateInstance done(ConsentReminders.KeepResult result) {
        PublicationRef p = result.publication();
        return PageTemplates.notice(switch (result.outcome()) {
            case kept -> Notice.of(p, "수신동의를 유지합니다", "앞으로도 광고성 정보를 보내 드립니다. 언제든 무료로 수신을 거부할 수 있습니다.",
                    "You keep receiving it", "You can unsubscribe at any time, at no cost.");
            case already_kept -> Notice.of(p, "이미 수신동의를 유지하셨습니다", "더 하실 일은 없습니다.", "Already kept",
                    "There is nothing more to do.");
            case left -> Notice.of(p, "이미 수신을 거부하셨습니다", "더 이상 메일을 보내지 않습니다. 다시 받으시려면 새로 구독해 주세요.",
                    "You have unsubscribed", "We no longer mail you. Subscribe again to receive it.");
        });
    }
}
