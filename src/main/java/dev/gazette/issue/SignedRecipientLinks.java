package dev.gazette.issue;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.GazetteConfig;
import dev.gazette.core.SignedTokens;

/**
 * Links signed with the platform's tokens, for purposes {@code unsubscribe} and
 * {@code preferences} with the subscriber id as subject; a bean of the subscriber feature may
 * replace it.
 */
@DefaultBean
@ApplicationScoped
class SignedRecipientLinks implements RecipientLinks {

    private final GazetteConfig config;
    private final SignedTokens tokens;

    SignedRecipientLinks(GazetteConfig config, SignedTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @Override
    public String unsubscribeUrl(long subscriberId) {
        return config.baseUrl().resolve("/unsubscribe/" + tokens.sign("unsubscribe", subscriberId)).toString();
    }

    @Override
    public String preferencesUrl(long subscriberId) {
        return config.baseUrl().resolve("/preferences/" + tokens.sign("preferences", subscriberId)).toString();
    }
}
