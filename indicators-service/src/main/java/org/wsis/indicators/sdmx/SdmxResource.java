package org.wsis.indicators.sdmx;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.indicators.observation.ObservationStore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SDMX REST 2.1: data queries /sdmx/data/{flow}/{key} answering SDMX-JSON 1.0, SDMX-CSV 1.0 or
 * SDMX-ML 2.1 generic data, and the structure queries a client needs (dataflow, datastructure,
 * codelist, conceptscheme) answering SDMX-ML 2.1. Errors are SDMX error messages.
 */
@Path("/sdmx")
@Tag(name = "SDMX REST 2.1")
public class SdmxResource {
    public static final String JSON_DATA = "application/vnd.sdmx.data+json;version=1.0.0";
    public static final String CSV_DATA = "application/vnd.sdmx.data+csv;version=1.0.0";
    public static final String GENERIC_XML = "application/vnd.sdmx.genericdata+xml;version=2.1";
    public static final String STRUCTURE_XML = "application/vnd.sdmx.structure+xml;version=2.1";
    /** Bound on one data message; narrower queries (a key, a period range) stay below it. */
    static final int MAX_OBSERVATIONS = 1_000_000;

    private enum DataFormat { JSON, CSV, XML }

    private final ObservationStore observations;
    private final Structures structures;
    private final RenderedResponseCache cache;

    public SdmxResource(ObservationStore observations, Structures structures, RenderedResponseCache cache) {
        this.observations = observations;
        this.structures = structures;
        this.cache = cache;
    }

    @GET
    @Path("data/{flow}")
    @Operation(summary = "SDMX data query for all series of a dataflow")
    public Response dataAll(@PathParam("flow") String flow, @QueryParam("startPeriod") String startPeriod,
                            @QueryParam("endPeriod") String endPeriod, @QueryParam("updatedAfter") String updatedAfter,
                            @QueryParam("lastNObservations") String lastN, @QueryParam("asOf") String asOf,
                            @QueryParam("format") String format, @HeaderParam("Accept") String accept,
                            @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo uri) {
        return cached(flow, "all", null, startPeriod, endPeriod, updatedAfter, lastN, asOf, format, accept, ifNoneMatch, uri);
    }

    @GET
    @Path("data/{flow}/{key}")
    @Operation(summary = "SDMX data query: key FREQ.REF_AREA.INDICATOR.SEX.AGE.URBANISATION (+ for or, empty for any)")
    public Response dataByKey(@PathParam("flow") String flow, @PathParam("key") String key,
                              @QueryParam("startPeriod") String startPeriod, @QueryParam("endPeriod") String endPeriod,
                              @QueryParam("updatedAfter") String updatedAfter, @QueryParam("lastNObservations") String lastN,
                              @QueryParam("asOf") String asOf, @QueryParam("format") String format,
                              @HeaderParam("Accept") String accept, @HeaderParam("If-None-Match") String ifNoneMatch,
                              @Context UriInfo uri) {
        return cached(flow, key, null, startPeriod, endPeriod, updatedAfter, lastN, asOf, format, accept, ifNoneMatch, uri);
    }

    @GET
    @Path("data/{flow}/{key}/{provider}")
    @Operation(summary = "SDMX data query restricted to a data provider (agency), or 'all'")
    public Response dataByKeyAndProvider(@PathParam("flow") String flow, @PathParam("key") String key,
                                         @PathParam("provider") String provider,
                                         @QueryParam("startPeriod") String startPeriod, @QueryParam("endPeriod") String endPeriod,
                                         @QueryParam("updatedAfter") String updatedAfter, @QueryParam("lastNObservations") String lastN,
                                         @QueryParam("asOf") String asOf, @QueryParam("format") String format,
                                         @HeaderParam("Accept") String accept, @HeaderParam("If-None-Match") String ifNoneMatch,
                                         @Context UriInfo uri) {
        return cached(flow, key, provider, startPeriod, endPeriod, updatedAfter, lastN, asOf, format, accept, ifNoneMatch, uri);
    }

    /**
     * Serves a rendered message from the cache while the data version is unchanged, with an ETag
     * so syncing clients get 304 Not Modified for a repeated query.
     */
    private Response cached(String flow, String key, String provider, String startPeriod, String endPeriod, String updatedAfter,
                            String lastN, String asOf, String format, String accept, String ifNoneMatch, UriInfo uri) {
        DataFormat dataFormat = negotiate(format, accept);
        long version = observations.dataVersion();
        String cacheKey = dataFormat + " " + uri.getRequestUri();
        String etag = "\"v" + version + "-" + Integer.toHexString(cacheKey.hashCode()) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", etag).build();
        }
        RenderedResponseCache.Entry entry = cache.get(cacheKey, version);
        if (entry == null) {
            Response response = data(flow, key, provider, startPeriod, endPeriod, updatedAfter, lastN, asOf, format, accept, uri);
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(1 << 16);
            try {
                ((StreamingOutput) response.getEntity()).write(body);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            entry = new RenderedResponseCache.Entry(version, body.toByteArray(), response.getMediaType().toString());
            cache.put(cacheKey, entry);
        }
        return Response.ok(entry.body()).type(entry.mediaType()).header("ETag", etag).build();
    }

    private Response data(String flow, String key, String provider, String startPeriod, String endPeriod, String updatedAfter,
                          String lastN, String asOf, String format, String accept, UriInfo uri) {
        DataFormat dataFormat = negotiate(format, accept);
        SdmxKey.checkFlow(flow);
        List<List<String>> filters = SdmxKey.parseKey(key);
        Integer from = SdmxKey.year("startPeriod", startPeriod);
        Integer to = SdmxKey.year("endPeriod", endPeriod);
        if (from != null && to != null && from > to) {
            throw SdmxException.semantic("startPeriod " + startPeriod + " is after endPeriod " + endPeriod);
        }
        Integer lastObservations = null;
        if (lastN != null && !lastN.isBlank()) {
            try {
                lastObservations = Integer.parseInt(lastN);
            } catch (NumberFormatException e) {
                lastObservations = -1;
            }
            if (lastObservations < 1) {
                throw SdmxException.syntax("lastNObservations must be a positive integer, got '" + lastN + "'");
            }
        }
        Structures.Snapshot snapshot = structures.get();
        checkCodes(filters, snapshot);
        if (!filters.get(0).isEmpty() && !filters.get(0).contains("A")) {
            throw SdmxException.noResults("Only annual data (FREQ A) is held");
        }
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(filters.get(2), filters.get(1), filters.get(3),
                filters.get(4), filters.get(5), from, to, instant("asOf", asOf), instant("updatedAfter", updatedAfter), lastObservations);
        List<ObservationStore.Row> rows = observations.find(criteria, MAX_OBSERVATIONS + 1, 0);
        if (provider != null && !provider.equalsIgnoreCase("all")) {
            String agency = provider.contains(",") ? provider.substring(provider.lastIndexOf(',') + 1) : provider;
            rows = rows.stream().filter(r -> r.provider().equals(agency)).toList();
        }
        if (rows.size() > MAX_OBSERVATIONS) {
            throw SdmxException.tooLarge("More than " + MAX_OBSERVATIONS + " observations match; narrow the key or the period range");
        }
        if (rows.isEmpty()) {
            throw SdmxException.noResults("No observations match " + flow + "/" + key);
        }
        List<ObservationStore.Row> result = rows;
        StreamingOutput body = switch (dataFormat) {
            case JSON -> out -> SdmxDataWriter.json(result, snapshot, uri.getRequestUri().toString(), out);
            case CSV -> out -> SdmxDataWriter.csv(result, snapshot, out);
            case XML -> out -> SdmxDataWriter.genericXml(result, snapshot, out);
        };
        String type = switch (dataFormat) {
            case JSON -> JSON_DATA;
            case CSV -> CSV_DATA;
            case XML -> GENERIC_XML;
        };
        return Response.ok(body).type(type).build();
    }

    /** Unknown codes in the key: SDMX "no results" naming the code, rather than an empty message. */
    private void checkCodes(List<List<String>> filters, Structures.Snapshot snapshot) {
        for (int i = 1; i < filters.size(); i++) {
            Structures.Dimension dimension = Structures.DIMENSIONS.get(i);
            Map<String, String> codes = snapshot.codes(dimension.codelist());
            for (String code : filters.get(i)) {
                if (!codes.containsKey(code)) {
                    if (i == 2 && structures.withIndicator(code).indicators().containsKey(code)) {
                        continue;
                    }
                    throw SdmxException.noResults("Unknown " + dimension.id() + " code '" + code + "' (code list " + dimension.codelist() + ")");
                }
            }
        }
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            // '+' of an offset arrives as a space when the client did not percent-encode it
            return OffsetDateTime.parse(text.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw SdmxException.syntax(name + " '" + text + "' is not an ISO 8601 date-time (e.g. 2025-06-30T00:00:00Z)");
            }
        }
    }

    /** The format query parameter wins over Accept; the default is SDMX-JSON. */
    private static DataFormat negotiate(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "jsondata", "sdmx-json", "json" -> DataFormat.JSON;
                case "csvdata", "sdmx-csv", "csv" -> DataFormat.CSV;
                case "genericdata", "xml", "sdmx-ml" -> DataFormat.XML;
                default -> throw new SdmxException(406, 406, "Unsupported format '" + format + "': use jsondata, csvdata or genericdata");
            };
        }
        String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if (a.contains("csv")) {
            return DataFormat.CSV;
        }
        if (a.contains("json") || a.isBlank() || a.contains("*/*")) {
            return DataFormat.JSON;
        }
        if (a.contains("genericdata") || a.contains("application/xml") || a.contains("text/xml")) {
            return DataFormat.XML;
        }
        throw new SdmxException(406, 406, "Not acceptable: '" + accept + "'; offered " + JSON_DATA + ", " + CSV_DATA + ", " + GENERIC_XML);
    }

    // ---- structure queries ----

    @GET
    @Path("dataflow{rest: (/.*)?}")
    @Operation(summary = "SDMX dataflow query, e.g. /sdmx/dataflow/WSIS/DF_ICT/1.0 (references=all adds the DSD, concepts and code lists)")
    public Response dataflow(@PathParam("rest") String rest, @QueryParam("references") String references) {
        checkArtefact(rest, Structures.FLOW);
        boolean withReferences = references != null && !references.equalsIgnoreCase("none");
        Structures.Snapshot s = structures.reload();
        Set<String> codelists = withReferences ? new HashSet<>(s.codelistIds()) : Set.of();
        return xml(SdmxXml.structureMessage(s, new SdmxXml.Content(true, withReferences, withReferences, codelists)));
    }

    @GET
    @Path("datastructure{rest: (/.*)?}")
    @Operation(summary = "SDMX data structure query, e.g. /sdmx/datastructure/WSIS/DSD_ICT/1.0 (with its concepts and code lists)")
    public Response dataStructure(@PathParam("rest") String rest, @QueryParam("references") String references) {
        checkArtefact(rest, Structures.DSD);
        Structures.Snapshot s = structures.reload();
        boolean withFlow = references != null && (references.equalsIgnoreCase("all") || references.equalsIgnoreCase("parents")
                || references.equalsIgnoreCase("dataflow") || references.equalsIgnoreCase("parentsandsiblings"));
        return xml(SdmxXml.structureMessage(s, new SdmxXml.Content(withFlow, true, true, new HashSet<>(s.codelistIds()))));
    }

    @GET
    @Path("codelist{rest: (/.*)?}")
    @Operation(summary = "SDMX code list query, e.g. /sdmx/codelist/WSIS/CL_AREA/1.0 or /sdmx/codelist/WSIS (all)")
    public Response codelist(@PathParam("rest") String rest) {
        Structures.Snapshot s = structures.reload();
        String id = artefactId(rest);
        Set<String> codelists;
        if (id == null) {
            codelists = new HashSet<>(s.codelistIds());
        } else if (s.codelistIds().contains(id)) {
            codelists = Set.of(id);
        } else {
            throw SdmxException.noResults("Unknown code list '" + id + "'; offered " + s.codelistIds());
        }
        return xml(SdmxXml.structureMessage(s, new SdmxXml.Content(false, false, false, codelists)));
    }

    @GET
    @Path("conceptscheme{rest: (/.*)?}")
    @Operation(summary = "SDMX concept scheme query, e.g. /sdmx/conceptscheme/WSIS/CS_ICT/1.0")
    public Response conceptScheme(@PathParam("rest") String rest) {
        checkArtefact(rest, Structures.CONCEPTS);
        return xml(SdmxXml.structureMessage(structures.get(), new SdmxXml.Content(false, false, true, Set.of())));
    }

    private static Response xml(String message) {
        return Response.ok(message).type(STRUCTURE_XML).build();
    }

    /** /{agency}/{id}/{version}: each may be absent or 'all'/'latest'; another agency, id or version is 404. */
    private static void checkArtefact(String rest, String expectedId) {
        String[] parts = parts(rest);
        if (parts.length > 3) {
            throw SdmxException.syntax("Structure queries are /{agency}/{id}/{version}");
        }
        if (parts.length >= 1 && !parts[0].equals(Structures.AGENCY) && !parts[0].equalsIgnoreCase("all")) {
            throw SdmxException.noResults("No structures of agency '" + parts[0] + "'; this service maintains " + Structures.AGENCY);
        }
        if (parts.length >= 2 && !parts[1].equals(expectedId) && !parts[1].equalsIgnoreCase("all")) {
            throw SdmxException.noResults("Unknown artefact '" + parts[1] + "'; this service offers " + expectedId);
        }
        if (parts.length == 3 && !parts[2].equals(Structures.VERSION) && !parts[2].equalsIgnoreCase("latest")
                && !parts[2].equalsIgnoreCase("all") && !parts[2].equals("+") && !parts[2].equals("~")) {
            throw SdmxException.noResults("Unknown version '" + parts[2] + "'; the current version is " + Structures.VERSION);
        }
    }

    private static String artefactId(String rest) {
        String[] parts = parts(rest);
        if (parts.length >= 1 && !parts[0].equals(Structures.AGENCY) && !parts[0].equalsIgnoreCase("all")) {
            throw SdmxException.noResults("No structures of agency '" + parts[0] + "'");
        }
        return parts.length >= 2 && !parts[1].equalsIgnoreCase("all") ? parts[1] : null;
    }

    private static String[] parts(String rest) {
        if (rest == null || rest.isBlank() || rest.equals("/")) {
            return new String[0];
        }
        return rest.replaceAll("^/|/$", "").split("/");
    }
}
