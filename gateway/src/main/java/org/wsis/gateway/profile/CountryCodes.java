package org.wsis.gateway.profile;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a country code the way the platform accepts it on input: ISO 3166-1 alpha-3 (canonical, KEN),
 * alpha-2 (KE) or UN M49 (404, or unpadded as SDG data writes it: 4). The table is the platform's one
 * vocabulary (service-commons {@code org.wsis.commons.reference.Countries}) as stocktaking serves it
 * ({@link ProfileSources#countries()}), fetched on first need and kept: the gateway has no database and
 * takes no dependency on service-commons, and keeps no country list of its own.
 */
final class CountryCodes {

    /**
     * A country; only {@code alpha3} is known when the table could not be fetched. {@code labels}: its UN M49 names in
     * the six UN languages, {@code {"ar":..,"zh":..,"en":..,"fr":..,"ru":..,"es":..}} as stocktaking serves them (null
     * when unknown).
     */
    record Country(String alpha2, String alpha3, String m49, String name, JsonObject labels) {
    }

    private static final Pattern ALPHA = Pattern.compile("[A-Za-z]{2,3}");
    private static final Pattern M49 = Pattern.compile("[0-9]{1,3}");

    /** Code (upper case letters, or the unpadded M49 number) to country; null until fetched. */
    private volatile Map<String, Country> table;

    static boolean isWellFormed(String code) {
        return ALPHA.matcher(code).matches() || M49.matcher(code).matches();
    }

    /**
     * The country a well-formed code names, or empty when none has it. Fails only when the table is
     * needed and cannot be fetched; an alpha-3 code is then taken as it is, since every service takes it.
     */
    Future<Optional<Country>> resolve(String code, Supplier<Future<JsonObject>> fetchTable) {
        String key = key(code);
        Map<String, Country> known = table;
        if (known != null) {
            return Future.succeededFuture(Optional.ofNullable(known.get(key)));
        }
        return fetchTable.get()
                .map(body -> {
                    Map<String, Country> fetched = index(body);
                    table = fetched;
                    return Optional.ofNullable(fetched.get(key));
                })
                .recover(failure -> key.length() == 3 && ALPHA.matcher(key).matches()
                        ? Future.succeededFuture(Optional.of(new Country(null, key, null, null, null)))
                        : Future.failedFuture(failure));
    }

    private static String key(String code) {
        return M49.matcher(code).matches() ? String.valueOf(Integer.parseInt(code)) : code.toUpperCase(Locale.ROOT);
    }

    /** Stocktaking's /reference/countries: a list of {alpha2, alpha3, m49, name, ...} (bare, or as {items}). */
    static Map<String, Country> index(JsonObject body) {
        JsonArray rows = body.getJsonArray("items");
        if (rows == null || rows.isEmpty()) {
            throw new IllegalStateException("stocktaking's country table is empty or of an unknown shape");
        }
        Map<String, Country> byCode = new HashMap<>();
        for (Object row : rows) {
            JsonObject c = (JsonObject) row;
            Country country = new Country(c.getString("alpha2"), c.getString("alpha3"), c.getString("m49"),
                    c.getString("name"), c.getJsonObject("labels"));
            byCode.put(key(country.alpha2()), country);
            byCode.put(key(country.alpha3()), country);
            byCode.put(key(country.m49().strip()), country);
        }
        return Map.copyOf(byCode);
    }
}
