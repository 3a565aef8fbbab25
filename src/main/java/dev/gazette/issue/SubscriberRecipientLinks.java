package dev.gazette.issue;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.subscriber.SubscriberLinks;

/** The subscriber feature's own links (its pages accept only its tokens): replaces the default. */
@ApplicationScoped
class SubscriberRecipientLinks implements RecipientLinks {

    private final SubscriberLinks links;

    SubscriberRecipientLinks(SubscriberLinks links) {
        this.links = links;
    }

    @Override
    public String unsubscribeUrl(long subscriberId) {
        return links.unsubscribeUrl(subscriberId);
    }

    @Override
    public String preferencesUrl(long subscriberId) {
        return links.preferencesUrl(subscriberId);
    }
}
