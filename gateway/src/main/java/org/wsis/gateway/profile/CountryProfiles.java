package org.wsis.gateway.profile;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.wsis.gateway.problem.Problem;
import org.wsis.gateway.problem.ProblemResponses;
import org.wsis.gateway.requestid.RequestIds;
import org.wsis.gateway.routing.GatewayConfig;
import org.wsis.gateway.routing.GatewayRoutes;
import org.wsis.gateway.routing.Upstream;

import java.util.List;
import java.util.Locale;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/profiles/countries/{country}}: one call for a front-end's country page, assembled
 * from the services' public APIs in parallel (see {@link ProfileSources}). The country may be given
 * as ISO 3166-1 alpha-3 (canonical: KEN), alpha-2 (KE) or UN M49 (404); {@link CountryCodes} turns it
 * into the alpha-3 code every part is asked for. Each part has a {@code status}: {@code ok} with its
 * data, or {@code unavailable} when its service failed or was slower than
 * {@code wsis.gateway.profiles.timeout}; the other parts are still returned.
 */
@ApplicationScoped
public class CountryProfiles {

    private static final Logger LOG = Logger.getLogger(CountryProfiles.class);

    private final Vertx vertx;
    private final GatewayRoutes routes;
    private final long timeoutMillis;
    private final CountryCodes countryCodes = new CountryCodes();
    private HttpClient client;

    CountryProfiles(Vertx vertx, GatewayRoutes routes, GatewayConfig config) {
        this.vertx = vertx;
        this.routes = routes;
        this.timeoutMillis = config.profiles().timeout().toMillis();
    }

    void register(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions().setName("wsis-gateway-profiles")
                .setConnectTimeout((int) timeoutMillis).setKeepAlive(true));
        router.get("/api/profiles/countries/:country").handler(this::profile);
    }

    private void profile(RoutingContext rc) {
        String code = rc.pathParam("country");
        String path = rc.request().path();
        if (!CountryCodes.isWellFormed(code)) {
            ProblemResponses.send(rc, new Problem("urn:wsis:problem:invalid-input", "Invalid input", 400,
                    "country must be an ISO 3166-1 alpha-3 (KEN), alpha-2 (KE) or UN M49 (404) code, got '"
                            + code + "'.", path));
            return;
        }
        String requestId = RequestIds.of(rc);
        countryCodes.resolve(code, () -> get(ProfileSources.countries(), requestId)).onComplete(resolved -> {
            if (resolved.failed()) {
                // Only a code other than alpha-3 needs the table; without stocktaking it cannot be read.
                ProblemResponses.send(rc, Problem.serviceUnavailable("stocktaking",
                        "its country table, needed to read '" + code + "', could not be fetched (alpha-3 codes work without it)",
                        path));
            } else if (resolved.result().isEmpty()) {
                ProblemResponses.send(rc, new Problem("urn:wsis:problem:not-found", "Not found", 404,
                        "No country has the code '" + code + "' (ISO 3166-1 alpha-3, alpha-2 or UN M49).", path));
            } else {
                assemble(rc, resolved.result().get(), requestId);
            }
        });
    }

    /** The six UN languages, the only ones labels carry; English is the fallback (as every service's). */
    private static final List<String> UN_LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");

    /**
     * The country's name in the first UN language the caller accepts, else English; null when the table gave none.
     * The gateway takes no dependency on service-commons (its LanguagePreference): this is the JDK's RFC 4647 lookup
     * over the six codes, with the same result for the same header.
     */
    static String label(JsonObject labels, String acceptLanguage) {
        if (labels == null) {
            return null;
        }
        String language = "en";
        if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() <= 1024) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String primary = range.getRange().toLowerCase(Locale.ROOT).split("-", 2)[0];
                    if (range.getWeight() > 0 && UN_LANGUAGES.contains(primary) && labels.getString(primary) != null) {
                        language = primary;
                        break;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header is no preference: English
            }
        }
        return labels.getString(language, labels.getString("en"));
    }

    private void assemble(RoutingContext rc, CountryCodes.Country country, String requestId) {
        String language = rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        // the parts come in the reader's language where the services have it (entries' titles and summaries)
        Future<JsonObject> entries = get(ProfileSources.stocktakingEntries(country.alpha3()), requestId, language);
        Future<JsonObject> prizes = get(ProfileSources.prizeWinners(country.alpha3()), requestId, language);
        Future<JsonObject> indicators = get(ProfileSources.indicatorObservations(country.alpha3()), requestId, language);
        Future<JsonObject> forum = get(ProfileSources.forumParticipation(country.alpha3()), requestId, language);

        Future.join(entries, prizes, indicators, forum).onComplete(done -> {
            JsonObject profile = new JsonObject()
                    .put("country", country.alpha3())
                    .put("name", country.name())
                    .put("alpha2", country.alpha2())
                    .put("m49", country.m49())
                    .put("label", label(country.labels(), language))
                    .put("labels", country.labels())
                    .put("stocktaking", part(entries, CountryProfiles::stocktakingPart))
                    .put("prizes", part(prizes, CountryProfiles::prizesPart))
                    .put("indicators", part(indicators, CountryProfiles::indicatorsPart))
                    .put("forum", part(forum, CountryProfiles::forumPart));
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    // label follows Accept-Language: a shared cache must keep one copy per language
                    .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                    // Public data that changes slowly; a short cache spares the services.
                    .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                    .end(profile.toBuffer());
        });
    }

    private interface Shaper {
        JsonObject shape(JsonObject body);
    }

    private static JsonObject part(Future<JsonObject> fetched, Shaper shaper) {
        if (fetched.failed()) {
            return new JsonObject().put("status", "unavailable");
        }
        try {
            return shaper.shape(fetched.result()).put("status", "ok");
        } catch (RuntimeException e) {
            LOG.warnf("Unexpected answer shape for a country profile part: %s", e.toString());
            return new JsonObject().put("status", "unavailable");
        }
    }

    /** Counts per action line from the search facets, and the latest entries. */
    static JsonObject stocktakingPart(JsonObject body) {
        JsonObject byActionLine = new JsonObject();
        JsonObject facets = body.getJsonObject("facets", new JsonObject());
        for (Object value : facets.getJsonArray("actionLine", new JsonArray())) {
            if (value instanceof JsonObject facet) {
                byActionLine.put(facet.getString("value"), facet.getValue("count"));
            }
        }
        return new JsonObject()
                .put("total", body.getValue("total"))
                .put("byActionLine", byActionLine)
                .put("latestEntries", body.getJsonArray("items", new JsonArray()));
    }

    static JsonObject prizesPart(JsonObject body) {
        return new JsonObject().put("winnersAndChampions", body.getJsonArray("items", new JsonArray()));
    }

    /** Participants per Forum edition as forum publishes them (counts only; small ones withheld by forum). */
    static JsonObject forumPart(JsonObject body) {
        return new JsonObject()
                .put("minimumCount", body.getValue("minimumCount"))
                .put("editions", body.getJsonArray("editions", new JsonArray()));
    }

    /** The latest period of each indicator (several breakdowns of one period are all kept). */
    static JsonObject indicatorsPart(JsonObject body) {
        JsonArray observations = body.getJsonArray("items", new JsonArray());
        Map<String, Integer> latestPeriod = new LinkedHashMap<>();
        for (Object o : observations) {
            if (o instanceof JsonObject obs && obs.getString("indicator") != null) {
                latestPeriod.merge(obs.getString("indicator"), obs.getInteger("period", 0), Math::max);
            }
        }
        JsonArray latest = new JsonArray();
        for (Object o : observations) {
            if (o instanceof JsonObject obs && obs.getString("indicator") != null
                    && obs.getInteger("period", 0).equals(latestPeriod.get(obs.getString("indicator")))) {
                latest.add(obs);
            }
        }
        return new JsonObject().put("latest", latest);
    }

    /** GETs one source; a non-2xx answer, a failure or the timeout make it fail. Lists become {items}. */
    private Future<JsonObject> get(ProfileSources.Source source, String requestId) {
        return get(source, requestId, null);
    }

    /** As {@link #get(ProfileSources.Source, String)}, asking for the caller's languages (a header of sane length). */
    private Future<JsonObject> get(ProfileSources.Source source, String requestId, String acceptLanguage) {
        Upstream upstream = upstream(source.service());
        if (upstream == null) { // a deployment without that service: its part is unavailable, the rest is served
            return Future.failedFuture(source.service() + " is not in wsis.gateway.services");
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setHost(upstream.host()).setPort(upstream.port()).setSsl(upstream.ssl())
                .setURI(upstream.basePath() + source.uri())
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(RequestIds.HEADER, requestId)
                .setTimeout(timeoutMillis);
        if (acceptLanguage != null && acceptLanguage.length() <= 1024) {
            options.putHeader(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        }
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() / 100 == 2
                        ? response.body()
                        : Future.failedFuture(source.service() + " answered " + response.statusCode()))
                .map(buffer -> {
                    Object json = Json.decodeValue(buffer);
                    return json instanceof JsonArray array ? new JsonObject().put("items", array) : (JsonObject) json;
                })
                .onFailure(e -> LOG.warnf("Country profile: %s%s failed: %s [request id %s]", upstream.url(),
                        source.uri(), e.toString(), requestId));
    }

    private Upstream upstream(String service) {
        return routes.upstreams().stream().filter(u -> u.service().id().equals(service)).findFirst().orElse(null);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
