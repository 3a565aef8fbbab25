package dev.gazette.web;

import java.net.URI;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.core.FormGuard;
import dev.gazette.core.GazetteConfig;
import dev.gazette.core.LocalPaths;

/**
 * The language a person chose with the switch in the studio's and the admin console's bar, kept in
 * the {@code gazette_lang} cookie for a year. Every request that carries the cookie is read as if
 * the browser had asked for that language ({@code Accept-Language}), so every page and mail made
 * for it follows the choice without knowing of it.
 */
@ApplicationScoped
@Path("/language")
class LanguageChoice {

    static final String COOKIE = "gazette_lang";

    private final FormGuard guard;
    private final GazetteConfig gazette;

    LanguageChoice(FormGuard guard, GazetteConfig gazette) {
        this.guard = guard;
        this.gazette = gazette;
    }

    void register(@Observes Router router) {
        router.route().order(-90).handler(LanguageChoice::apply);
    }

    static void apply(RoutingContext context) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie != null && ("ko".equals(cookie.getValue()) || "en".equals(cookie.getValue()))) {
            context.request().headers().set(HttpHeaders.ACCEPT_LANGUAGE, cookie.getValue());
        }
        context.next();
    }

    /** Chooses {@code lang} (ko or en) and goes back to the page the switch was on, a path of this site. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response choose(@RestForm String csrf, @RestForm String lang, @RestForm String back) {
        guard.check(csrf);
        String chosen = "ko".equals(lang) ? "ko" : "en";
        return Response.seeOther(URI.create(LocalPaths.orElse(back, "/studio")))
                .cookie(new NewCookie.Builder(COOKIE).value(chosen).path("/").maxAge(365 * 24 * 3600)
                        .sameSite(NewCookie.SameSite.LAX).secure(gazette.secure()).build())
                .build();
    }
}
