package fr.vigie.routes.common;

import java.util.Collection;
import java.util.TreeSet;

/** No {@link FeedHandler} is registered under the requested feed name (HTTP 404). */
public class UnknownFeedException extends ImportException {

    public UnknownFeedException(String feed, Collection<String> knownFeeds) {
        super(
                "Unknown import feed '" + feed + "'; known feeds: " + String.join(", ", new TreeSet<>(knownFeeds)),
                null,
                null);
    }
}
