package dev.gazette.subscriber;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Records the erasure events, as the features that anonymize comments and tips will observe them. */
@ApplicationScoped
public class ErasedEvents {

    private final List<SubscriberErased> seen = new CopyOnWriteArrayList<>();

    void on(@Observes SubscriberErased event) {
        seen.add(event);
    }

    List<SubscriberErased> seen() {
        return seen;
    }
}
