package fr.vigie.routes.common;

import java.util.List;

/**
 * A registered feed as listed to callers ({@code GET /import}).
 *
 * @param feed feed name, as in {@code POST /import/<feed>} and {@code <inbox>/<feed>/}
 * @param formats formats it reads, sorted
 * @param defaultFormat format used when nothing else chose one
 */
public record FeedInfo(String feed, List<String> formats, String defaultFormat) {}
