package org.wsis.indicators.sdmx;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import org.wsis.commons.http.ChecksItsOwnQueryParameters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.wsis.commons.openapi.ContractFilter;
import org.wsis.indicators.observation.ObservationStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * SDMX REST 2.1 under /api/sdmx (public: /api/indicators/sdmx through the gateway): data queries in
 * generic (default) or structure-specific SDMX-ML 2.1, SDMX-JSON 1.0 or SDMX-CSV 1.0; structure
 * queries (dataflow, datastructure, codelist, conceptscheme) and availableconstraint in SDMX-ML 2.1;
 * every other SDMX resource answers an SDMX 501. Errors are SDMX error messages.
 */
// Public reads: open to anyone, said explicitly (services deny endpoints without a security annotation)
@PermitAll
@ChecksItsOwnQueryParameters // unknown parameters are SDMX errors (SDMX-ML), not problem+json
@Path("/api/sdmx")
@Tag(name = "SDMX REST 2.1", description = "Public base URL: /api/indicators/sdmx (configure SDMX clients with it as an SDMX 2.1 REST source)")
public class SdmxResource {
    /** Bound on one data message; narrower queries (a key, a period range) stay below it. */
    static final int MAX_OBSERVATIONS = 1_000_000;

    /** SDMX REST 2.1 structure resources this service does not hold: an SDMX 501, not a 404. */
    static final Set<String> UNIMPLEMENTED = Set.of("structure", "metadatastructure", "categoryscheme", "categorisation",
            "contentconstraint", "actualconstraint", "allowedconstraint", "attachmentconstraint", "agencyscheme",
            "dataproviderscheme", "dataconsumerscheme", "organisationunitscheme", "hierarchicalcodelist",
            "metadataflow", "process", "provisionagreement", "reportingtaxonomy", "structureset", "schema",
            "metadata", "organisationscheme", "transformationscheme", "rulesetscheme", "userdefinedoperatorscheme",
            "customtypescheme", "namepersonalisationscheme", "vtlmappingscheme", "valuelist");

    private static final String DATA_TYPES = SdmxFormats.GENERIC_XML + ", " + SdmxFormats.STRUCTURE_SPECIFIC_XML + ", "
            + SdmxFormats.JSON_DATA + ", " + SdmxFormats.CSV_DATA;

    private final ObservationStore observations;
    private final Structures structures;
    private final RenderedResponseCache cache;
    /** The WSIS statistics dataflows (stocktaking, prizes), served next to DF_ICT. */
    private final List<StatisticsFlow> statistics;

    public SdmxResource(ObservationStore observations, Structures structures, RenderedResponseCache cache,
                        Instance<StatisticsFlow> statistics) {
        this.observations = observations;
        this.structures = structures;
        this.cache = cache;
        this.statistics = statistics.stream().sorted(Comparator.comparing(f -> f.flow().id())).toList();
    }

    /** Every dataflow offered: DF_ICT first, then the statistics flows. */
    private List<Dataflow> offered() {
        List<Dataflow> flows = new ArrayList<>();
        flows.add(Structures.ICT);
        statistics.forEach(f -> flows.add(f.flow()));
        return flows;
    }

    private StatisticsFlow statisticsFlow(Dataflow flow) {
        return statistics.stream().filter(f -> f.flow().id().equals(flow.id())).findFirst().orElse(null);
    }

    /** Codes of any code list offered: DF_ICT's (from its tables) or a statistics flow's. */
    private Map<String, String> codes(Structures.Snapshot snapshot, String codelist) {
        if (snapshot.codelistIds().contains(codelist)) {
            return snapshot.codes(codelist);
        }
        for (StatisticsFlow f : statistics) {
            if (f.flow().codelistIds().contains(codelist)) {
                return StatisticsFlow.layout(f).codes(codelist);
            }
        }
        return Map.of();
    }

    private List<String> codelistIds(Structures.Snapshot snapshot) {
        Set<String> ids = new LinkedHashSet<>(snapshot.codelistIds());
        statistics.forEach(f -> ids.addAll(f.flow().codelistIds()));
        return List.copyOf(ids);
    }

    @GET
    @Path("data/{flow}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxDataAll", summary = "SDMX data query for all series of a dataflow",
            description = "Formats (Accept or format=): " + DATA_TYPES + "; generic SDMX-ML when no preference. Parameters as in SDMX REST 2.1.")
    @APIResponse(responseCode = "200", description = "Data message in the negotiated format", content = {
            @Content(mediaType = SdmxFormats.GENERIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.JSON_DATA, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.JSON_DATA_2, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.CSV_DATA, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "Malformed key or parameter, unknown parameter (SDMX error 140/150)")
    @APIResponse(responseCode = "404", description = "No results, unknown code or dataflow (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Format not offered (SDMX error 406)")
    @APIResponse(responseCode = "413", description = "More than 1,000,000 observations (SDMX error 510)")
    @APIResponse(responseCode = "501", description = "includeHistory=true, or firstN/lastN with another dimensionAtObservation (SDMX error 501)")
    @APIResponse(responseCode = "503", description = "updatedAfter/asOf while a publish is committing: ask again (SDMX error 503)")
    public Response dataAll(@PathParam("flow") String flow, @QueryParam("startPeriod") String startPeriod,
                            @QueryParam("endPeriod") String endPeriod, @QueryParam("updatedAfter") String updatedAfter,
                            @QueryParam("firstNObservations") String firstN, @QueryParam("lastNObservations") String lastN,
                            @QueryParam("dimensionAtObservation") String dimensionAtObservation, @QueryParam("detail") String detail,
                            @QueryParam("includeHistory") String includeHistory, @QueryParam("asOf") String asOf,
                            @QueryParam("format") String format, @HeaderParam("Accept") String accept,
                            @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo uri,
                                         @Context HttpHeaders headers) {
        return data(flow, "all", null, format, accept, ifNoneMatch, uri, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    }

    @GET
    @Path("data/{flow}/{key}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxData", summary = "SDMX data query: key FREQ.REF_AREA.INDICATOR.SEX.AGE.URBANISATION (+ for or, empty for any)",
            description = "Dataflows: DF_ICT (the key above; REF_AREA takes ISO alpha-3 or UN M49 codes), DF_STOCKTAKING "
                    + "(FREQ.ACTION_LINE.SDG.REGION.STAKEHOLDER_TYPE), DF_PRIZES (FREQ.CATEGORY.REGION.STAKEHOLDER_TYPE.MEASURE). "
                    + "Formats (Accept or format=): " + DATA_TYPES + ".")
    @APIResponse(responseCode = "200", description = "Data message in the negotiated format", content = {
            @Content(mediaType = SdmxFormats.GENERIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.JSON_DATA, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.JSON_DATA_2, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.CSV_DATA, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "Malformed key or parameter, unknown parameter (SDMX error 140/150)")
    @APIResponse(responseCode = "404", description = "No results, unknown code or dataflow (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Format not offered (SDMX error 406)")
    @APIResponse(responseCode = "413", description = "More than 1,000,000 observations (SDMX error 510)")
    @APIResponse(responseCode = "501", description = "includeHistory=true, or firstN/lastN with another dimensionAtObservation (SDMX error 501)")
    @APIResponse(responseCode = "503", description = "updatedAfter/asOf while a publish is committing: ask again (SDMX error 503)")
    public Response dataByKey(@PathParam("flow") String flow, @PathParam("key") String key,
                              @QueryParam("startPeriod") String startPeriod, @QueryParam("endPeriod") String endPeriod,
                              @QueryParam("updatedAfter") String updatedAfter, @QueryParam("firstNObservations") String firstN,
                              @QueryParam("lastNObservations") String lastN,
                              @QueryParam("dimensionAtObservation") String dimensionAtObservation, @QueryParam("detail") String detail,
                              @QueryParam("includeHistory") String includeHistory, @QueryParam("asOf") String asOf,
                              @QueryParam("format") String format, @HeaderParam("Accept") String accept,
                              @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo uri,
                                         @Context HttpHeaders headers) {
        return data(flow, key, null, format, accept, ifNoneMatch, uri, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    }

    @GET
    @Path("data/{flow}/{key}/{provider}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxDataByProvider", summary = "SDMX data query restricted to a data provider (agency), or 'all'")
    @APIResponse(responseCode = "200", description = "Data message in the negotiated format", content = {
            @Content(mediaType = SdmxFormats.GENERIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SdmxFormats.JSON_DATA, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.JSON_DATA_2, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = SdmxFormats.CSV_DATA, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "Malformed key or parameter, unknown parameter (SDMX error 140/150)")
    @APIResponse(responseCode = "404", description = "No results, unknown code or dataflow (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Format not offered (SDMX error 406)")
    @APIResponse(responseCode = "413", description = "More than 1,000,000 observations (SDMX error 510)")
    @APIResponse(responseCode = "501", description = "includeHistory=true, or firstN/lastN with another dimensionAtObservation (SDMX error 501)")
    @APIResponse(responseCode = "503", description = "updatedAfter/asOf while a publish is committing: ask again (SDMX error 503)")
    public Response dataByKeyAndProvider(@PathParam("flow") String flow, @PathParam("key") String key,
                                         @PathParam("provider") String provider,
                                         @QueryParam("startPeriod") String startPeriod, @QueryParam("endPeriod") String endPeriod,
                                         @QueryParam("updatedAfter") String updatedAfter, @QueryParam("firstNObservations") String firstN,
                                         @QueryParam("lastNObservations") String lastN,
                                         @QueryParam("dimensionAtObservation") String dimensionAtObservation,
                                         @QueryParam("detail") String detail, @QueryParam("includeHistory") String includeHistory,
                                         @QueryParam("asOf") String asOf, @QueryParam("format") String format,
                                         @HeaderParam("Accept") String accept, @HeaderParam("If-None-Match") String ifNoneMatch,
                                         @Context UriInfo uri,
                                         @Context HttpHeaders headers) {
        return data(flow, key, provider, format, accept, ifNoneMatch, uri, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    }

    /**
     * Serves a rendered message from the cache while the data version is unchanged, with an ETag so
     * syncing clients get 304 Not Modified for a repeated query. A cached message is also held gzipped
     * once a client asked for gzip (compressed once): such clients, as SDMX clients are, get those bytes
     * instead of a compression per request, which costs more than the rest of a cached answer (issue 16).
     * An uncached answer is compressed by the HTTP layer as usual.
     */
    private Response data(String flow, String key, String provider, String format, String accept, String ifNoneMatch, UriInfo uri,
                          String acceptEncoding) {
        DataQuery query = DataQuery.parse(flow, offered(), key, provider, uri.getQueryParameters(), SdmxFormats.data(format, accept));
        StatisticsFlow statisticsFlow = statisticsFlow(query.dataflow());
        if (statisticsFlow != null) {
            return statisticsData(statisticsFlow, query, uri);
        }
        long version = observations.dataVersion();
        // the message names indicators and units: valid for one structure revision as well as one data version
        long structureRevision = structures.get().revision();
        String cacheKey = "s" + structureRevision + "|" + query.cacheKey();
        boolean gzip = RenderedResponseCache.acceptsGzip(acceptEncoding);
        // one ETag per representation: the gzipped bytes are another representation of the same message
        String etag = "\"v" + version + "-s" + structureRevision + "-" + Integer.toHexString(cacheKey.hashCode()) + (gzip ? "-gz" : "") + "\"";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", etag).header("Vary", "Accept, Accept-Encoding").build();
        }
        RenderedResponseCache.Entry entry = cache.get(cacheKey, version);
        if (entry == null) {
            entry = new RenderedResponseCache.Entry(version, render(query, uri), null, query.format().mediaType);
            // updatedAfter answers move with every poll: caching them would only evict useful entries
            if (query.updatedAfter() == null && cache.accepts(entry.body().length)) {
                entry = gzip ? entry.withGzipped() : entry;
                cache.put(cacheKey, entry);
            }
        } else if (gzip && entry.gzipped() == null) {
            entry = entry.withGzipped();   // compressed once, on the first gzip request for this message
            cache.put(cacheKey, entry);
        }
        Response.ResponseBuilder response = gzip && entry.gzipped() != null
                // Content-Encoding set here: the HTTP layer's compression leaves the body as it is
                ? Response.ok(entry.gzipped()).header("Content-Encoding", "gzip")
                : Response.ok(entry.body());
        return response.type(entry.mediaType()).header("ETag", etag).header("Vary", "Accept, Accept-Encoding").build();
    }

    private byte[] render(DataQuery query, UriInfo uri) {
        Structures.Snapshot snapshot = structures.get();
        List<List<String>> filters = resolveCodes(query.key(), snapshot);
        if (!filters.get(0).isEmpty() && !filters.get(0).contains("A")) {
            throw SdmxException.noResults("Only annual data (FREQ A) is held");
        }
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(filters.get(2), filters.get(1), filters.get(3),
                filters.get(4), filters.get(5), query.startYear(), query.endYear(), query.asOf(), query.updatedAfter(),
                query.lastN(), query.firstN());
        List<ObservationStore.Row> rows;
        try {
            rows = observations.find(criteria, MAX_OBSERVATIONS + 1, 0);
        } catch (ObservationStore.PublishInProgress e) {
            throw SdmxException.unavailable(e.getMessage());
        }
        if (query.provider() != null) {
            String agency = query.provider().contains(",") ? query.provider().substring(query.provider().lastIndexOf(',') + 1) : query.provider();
            rows = rows.stream().filter(r -> r.provider().equals(agency)).toList();
        }
        if (rows.size() > MAX_OBSERVATIONS) {
            throw SdmxException.tooLarge("More than " + MAX_OBSERVATIONS + " observations match; narrow the key or the period range");
        }
        if (rows.isEmpty()) {
            throw SdmxException.noResults("No observations match " + query.flow());
        }
        List<ObservationStore.Row> result = rows;
        ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
        try {
            switch (query.format()) {
                case GENERIC -> SdmxDataWriter.genericXml(result, SdmxDataWriter.ict(snapshot), query, body);
                case STRUCTURE_SPECIFIC -> SdmxDataWriter.structureSpecificXml(result, SdmxDataWriter.ict(snapshot), query, body);
                case JSON -> SdmxDataWriter.json(result, SdmxDataWriter.ict(snapshot), query, uri.getRequestUri().toString(), body);
                case JSON_2 -> SdmxDataWriter.json2(result, SdmxDataWriter.ict(snapshot), query, uri.getRequestUri().toString(), body);
                case CSV -> SdmxDataWriter.csv(result, SdmxDataWriter.ict(snapshot), query, body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }

    /**
     * A statistics flow: counts computed on request from this service's copy of the other services' facts
     * (small: bounded by the code lists' sizes times the years). They have no vintages, so updatedAfter and
     * asOf are refused (501) rather than ignored, and they are not held in the rendered-response cache.
     */
    private Response statisticsData(StatisticsFlow source, DataQuery query, UriInfo uri) {
        if (query.updatedAfter() != null || query.asOf() != null) {
            throw SdmxException.notImplemented("updatedAfter and asOf are not implemented for " + query.dataflow().urnShort()
                    + ": its counts are recomputed on every request, without vintages; ask for the whole flow");
        }
        if (query.provider() != null && !query.provider().equals(Structures.AGENCY) && !query.provider().endsWith("," + Structures.AGENCY)) {
            throw SdmxException.noResults("No data provider '" + query.provider() + "' for " + query.dataflow().urnShort()
                    + "; its only provider is " + Structures.AGENCY);
        }
        List<List<String>> filters = resolveStatisticsCodes(source, query.key());
        List<StatisticsFlow.CountRow> rows = firstAndLast(source.rows(filters, query.startYear(), query.endYear()), query);
        if (rows.isEmpty()) {
            throw SdmxException.noResults("No observations match " + query.flow());
        }
        if (rows.size() > MAX_OBSERVATIONS) {
            throw SdmxException.tooLarge("More than " + MAX_OBSERVATIONS + " observations match; narrow the key or the period range");
        }
        SdmxDataWriter.Layout<StatisticsFlow.CountRow> layout = StatisticsFlow.layout(source);
        ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 14);
        try {
            switch (query.format()) {
                case GENERIC -> SdmxDataWriter.genericXml(rows, layout, query, body);
                case STRUCTURE_SPECIFIC -> SdmxDataWriter.structureSpecificXml(rows, layout, query, body);
                case JSON -> SdmxDataWriter.json(rows, layout, query, uri.getRequestUri().toString(), body);
                case JSON_2 -> SdmxDataWriter.json2(rows, layout, query, uri.getRequestUri().toString(), body);
                case CSV -> SdmxDataWriter.csv(rows, layout, query, body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(body.toByteArray()).type(query.format().mediaType).header("Vary", "Accept").build();
    }

    /** firstNObservations/lastNObservations per series (rows come ordered by series key, then year). */
    private static List<StatisticsFlow.CountRow> firstAndLast(List<StatisticsFlow.CountRow> rows, DataQuery query) {
        if (query.firstN() == null && query.lastN() == null) {
            return rows;
        }
        Map<List<String>, List<StatisticsFlow.CountRow>> bySeries = new LinkedHashMap<>();
        rows.forEach(r -> bySeries.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        List<StatisticsFlow.CountRow> kept = new ArrayList<>();
        for (List<StatisticsFlow.CountRow> series : bySeries.values()) {
            for (int i = 0; i < series.size(); i++) {
                boolean first = query.firstN() != null && i < query.firstN();
                boolean last = query.lastN() != null && i >= series.size() - query.lastN();
                if (first || last) {
                    kept.add(series.get(i));
                }
            }
        }
        return kept;
    }

    /** Unknown codes in a statistics flow's key: SDMX "no results" naming the code (FREQ: A only). */
    private static List<List<String>> resolveStatisticsCodes(StatisticsFlow source, List<List<String>> filters) {
        List<Structures.Dimension> dimensions = source.flow().dimensions();
        SdmxDataWriter.Layout<StatisticsFlow.CountRow> layout = StatisticsFlow.layout(source);
        for (int i = 0; i < filters.size(); i++) {
            Map<String, String> codes = layout.codes(dimensions.get(i).codelist());
            for (String code : filters.get(i)) {
                if (!codes.containsKey(code)) {
                    throw SdmxException.noResults("Unknown " + dimensions.get(i).id() + " code '" + code + "' (code list "
                            + dimensions.get(i).codelist() + ")");
                }
            }
        }
        return filters;
    }

    /**
     * Unknown codes in the key: SDMX "no results" naming the code, rather than an empty message.
     * REF_AREA may be a UN M49 code: it is translated to the economy's code.
     */
    private List<List<String>> resolveCodes(List<List<String>> filters, Structures.Snapshot snapshot) {
        List<List<String>> resolved = new ArrayList<>(filters);
        for (int i = 1; i < filters.size(); i++) {
            Structures.Dimension dimension = Structures.DIMENSIONS.get(i);
            Map<String, String> codes = snapshot.codes(dimension.codelist());
            List<String> values = new ArrayList<>();
            for (String code : filters.get(i)) {
                if (codes.containsKey(code)) {
                    values.add(code);
                } else if (i == 1 && snapshot.economy(code) != null) {
                    values.add(snapshot.economy(code));
                } else if (i == 2 && structures.withIndicator(code).indicators().containsKey(code)) {
                    values.add(code);
                } else {
                    throw SdmxException.noResults("Unknown " + dimension.id() + " code '" + code + "' (code list " + dimension.codelist() + ")");
                }
            }
            resolved.set(i, values);
        }
        return resolved;
    }

    // ---- availability ----

    @GET
    @Path("availableconstraint/{flow}{rest: (/[^/]*){0,3}}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxAvailability", summary = "Which codes actually have data for a key: an SDMX-ML 2.1 Actual content constraint",
            description = "/availableconstraint/{flow}/{key}/{provider}/{componentID}; mode=exact only.")
    @APIResponse(responseCode = "200", description = "Structure message with one ContentConstraint (type Actual)",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No data for the key (SDMX error 100)")
    @APIResponse(responseCode = "400", description = "Malformed key or parameter (SDMX error 140/150)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1")
    @APIResponse(responseCode = "501", description = "mode=available (SDMX error 501)")
    public Response availability(@PathParam("flow") String flow, @PathParam("rest") String rest,
                                 @QueryParam("mode") String mode, @QueryParam("startPeriod") String startPeriod,
                                 @QueryParam("endPeriod") String endPeriod, @QueryParam("updatedAfter") String updatedAfter,
                                 @QueryParam("references") String references,
                                 @QueryParam("format") String format, @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        SdmxFormats.structure(format, accept);
        for (String name : uri.getQueryParameters().keySet()) {
            if (!Set.of("mode", "startPeriod", "endPeriod", "updatedAfter", "references", "format").contains(name)) {
                throw SdmxException.syntax("Unknown parameter '" + name + "' for availableconstraint");
            }
        }
        if (mode != null && !mode.equalsIgnoreCase("exact")) {
            throw SdmxException.notImplemented("mode=" + mode + " is not implemented; mode=exact is");
        }
        if (references != null && !references.equalsIgnoreCase("none")) {
            throw SdmxException.notImplemented("references on availableconstraint are not implemented; ask /dataflow?references=all");
        }
        String[] parts = rest == null || rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        String key = parts.length >= 1 ? parts[0] : "all";
        String provider = parts.length >= 2 && !parts[1].equalsIgnoreCase("all") ? parts[1] : null;
        String component = parts.length >= 3 && !parts[2].equalsIgnoreCase("all") ? parts[2] : null;
        Dataflow dataflow = SdmxKey.resolveFlow(flow, offered());
        List<String> ids = dataflow.dimensionIds();
        if (component != null && !ids.contains(component)) {
            throw SdmxException.semantic("Unknown component '" + component + "'; dimensions are " + ids);
        }
        StatisticsFlow statisticsFlow = statisticsFlow(dataflow);
        if (statisticsFlow != null) {
            return statisticsAvailability(statisticsFlow, key, provider, component, startPeriod, endPeriod, updatedAfter);
        }
        Structures.Snapshot snapshot = structures.get();
        List<List<String>> filters = resolveCodes(SdmxKey.parseKey(key), snapshot);
        ObservationStore.Criteria criteria = new ObservationStore.Criteria(filters.get(2), filters.get(1), filters.get(3),
                filters.get(4), filters.get(5), SdmxKey.year("startPeriod", startPeriod), SdmxKey.year("endPeriod", endPeriod),
                null, DataQuery.instant("updatedAfter", updatedAfter), null);
        Map<String, List<String>> available;
        try {
            available = observations.available(criteria, provider);
        } catch (ObservationStore.PublishInProgress e) {
            throw SdmxException.unavailable(e.getMessage());
        }
        if (available.get("TIME_PERIOD").isEmpty()) {
            throw SdmxException.noResults("No observations match " + flow + "/" + key);
        }
        return Response.ok(SdmxXml.availability(Structures.ICT, available, component)).type(SdmxFormats.STRUCTURE_XML).build();
    }

    /** The codes of each dimension that have a count in the matching rows, TIME_PERIOD as a range. */
    private Response statisticsAvailability(StatisticsFlow source, String key, String provider, String component,
                                            String startPeriod, String endPeriod, String updatedAfter) {
        Dataflow flow = source.flow();
        if (updatedAfter != null) {
            throw SdmxException.notImplemented("updatedAfter is not implemented for " + flow.urnShort());
        }
        if (provider != null && !provider.equals(Structures.AGENCY)) {
            throw SdmxException.noResults("No data provider '" + provider + "' for " + flow.urnShort());
        }
        List<List<String>> filters = resolveStatisticsCodes(source, SdmxKey.parseKey(key, flow));
        Integer from = SdmxKey.year("startPeriod", startPeriod);
        Integer to = SdmxKey.year("endPeriod", endPeriod);
        List<StatisticsFlow.CountRow> rows = source.rows(filters, from, to);
        if (rows.isEmpty()) {
            throw SdmxException.noResults("No observations match " + flow.id() + "/" + key);
        }
        Map<String, List<String>> available = new LinkedHashMap<>();
        for (int i = 0; i < flow.dimensions().size(); i++) {
            int d = i;
            available.put(flow.dimensions().get(i).id(), rows.stream().map(r -> r.key().get(d)).distinct().sorted().toList());
        }
        int min = rows.stream().mapToInt(StatisticsFlow.CountRow::period).min().orElseThrow();
        int max = rows.stream().mapToInt(StatisticsFlow.CountRow::period).max().orElseThrow();
        available.put(DataQuery.TIME_PERIOD, List.of(Integer.toString(min), Integer.toString(max)));
        return Response.ok(SdmxXml.availability(flow, available, component)).type(SdmxFormats.STRUCTURE_XML).build();
    }

    // ---- structure queries ----

    @GET
    @Path("dataflow{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxDataflows", summary = "SDMX dataflow query, e.g. /dataflow/WSIS/DF_ICT/1.0 (references=all adds the DSD, concepts and code lists)")
    @APIResponse(responseCode = "200", description = "SDMX-ML 2.1 structure message",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed path or unknown parameter (SDMX error 140)")
    @APIResponse(responseCode = "404", description = "Unknown agency, artefact or version (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1 (SDMX error 406)")
    @APIResponse(responseCode = "501", description = "detail other than full (SDMX error 501)")
    public Response dataflow(@PathParam("rest") String rest, @QueryParam("references") String references,
                             @QueryParam("detail") String detail, @QueryParam("format") String format,
                             @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        structureRequest(format, accept, detail, uri);
        List<Dataflow> flows = select(rest, Dataflow::id, "dataflow");
        boolean withReferences = references != null && !references.equalsIgnoreCase("none");
        return xml(structureMessage(flows, withReferences ? flows : List.of(), withReferences ? flows : List.of(),
                withReferences ? flows : List.of()));
    }

    @GET
    @Path("datastructure{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxDataStructure", summary = "SDMX data structure query, e.g. /datastructure/WSIS/DSD_ICT/1.0 (with its concepts and code lists)")
    @APIResponse(responseCode = "200", description = "SDMX-ML 2.1 structure message",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed path or unknown parameter (SDMX error 140)")
    @APIResponse(responseCode = "404", description = "Unknown agency, artefact or version (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1 (SDMX error 406)")
    @APIResponse(responseCode = "501", description = "detail other than full (SDMX error 501)")
    public Response dataStructure(@PathParam("rest") String rest, @QueryParam("references") String references,
                                  @QueryParam("detail") String detail, @QueryParam("format") String format,
                                  @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        structureRequest(format, accept, detail, uri);
        List<Dataflow> flows = select(rest, Dataflow::dsd, "data structure");
        boolean withFlow = references != null && (references.equalsIgnoreCase("all") || references.equalsIgnoreCase("parents")
                || references.equalsIgnoreCase("dataflow") || references.equalsIgnoreCase("parentsandsiblings"));
        return xml(structureMessage(withFlow ? flows : List.of(), flows, flows, flows));
    }

    @GET
    @Path("codelist{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxCodelists", summary = "SDMX code list query, e.g. /codelist/WSIS/CL_AREA/1.0 (economies annotated with UN M49) or /codelist/WSIS (all)")
    @APIResponse(responseCode = "200", description = "SDMX-ML 2.1 structure message",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed path or unknown parameter (SDMX error 140)")
    @APIResponse(responseCode = "404", description = "Unknown agency, artefact or version (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1 (SDMX error 406)")
    @APIResponse(responseCode = "501", description = "detail other than full (SDMX error 501)")
    public Response codelist(@PathParam("rest") String rest, @QueryParam("references") String references,
                             @QueryParam("detail") String detail, @QueryParam("format") String format,
                             @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        structureRequest(format, accept, detail, uri);
        Structures.Snapshot s = structures.reload();
        String id = artefactId(rest);
        codelistVersion(rest, id, s);
        List<String> all = codelistIds(s);
        List<String> codelists;
        if (id == null) {
            codelists = all;
        } else if (all.contains(id)) {
            codelists = List.of(id);
        } else {
            throw SdmxException.noResults("Unknown code list '" + id + "'; offered " + all);
        }
        return xml(SdmxXml.structureMessage(s, c -> codes(s, c), new SdmxXml.Content(List.of(), List.of(), List.of(), codelists)));
    }

    @GET
    @Path("conceptscheme{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxConceptScheme", summary = "SDMX concept scheme query, e.g. /conceptscheme/WSIS/CS_ICT/1.0")
    @APIResponse(responseCode = "200", description = "SDMX-ML 2.1 structure message",
            content = @Content(mediaType = SdmxFormats.STRUCTURE_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed path or unknown parameter (SDMX error 140)")
    @APIResponse(responseCode = "404", description = "Unknown agency, artefact or version (SDMX error 100)")
    @APIResponse(responseCode = "406", description = "Not SDMX-ML 2.1 (SDMX error 406)")
    @APIResponse(responseCode = "501", description = "detail other than full (SDMX error 501)")
    public Response conceptScheme(@PathParam("rest") String rest, @QueryParam("references") String references,
                                  @QueryParam("detail") String detail, @QueryParam("format") String format,
                                  @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        structureRequest(format, accept, detail, uri);
        List<Dataflow> flows = select(rest, Dataflow::conceptScheme, "concept scheme");
        Structures.Snapshot s = structures.get();
        return xml(SdmxXml.structureMessage(s, c -> codes(s, c), new SdmxXml.Content(List.of(), List.of(), flows, List.of())));
    }

    @GET
    @Path("{resource}{rest: (/.*)?}")
    @Extension(name = ContractFilter.ERROR_MEDIA_TYPES, value = SdmxExceptionMapper.ERROR_MEDIA_TYPES)
    @Operation(operationId = "getSdmxUnimplemented", summary = "Any other SDMX REST 2.1 resource: SDMX error 501 (not implemented)")
    @APIResponse(responseCode = "501", description = "An SDMX resource this service does not implement (SDMX error 501)",
            content = @Content(mediaType = SdmxExceptionMapper.XML_ERROR, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Not an SDMX REST resource")
    public Response unimplemented(@PathParam("resource") String resource, @PathParam("rest") String rest) {
        if (UNIMPLEMENTED.contains(resource)) {
            throw SdmxException.notImplemented("The SDMX resource '" + resource + "' is not implemented; this service offers "
                    + "data, availableconstraint, dataflow, datastructure, codelist and conceptscheme");
        }
        throw SdmxException.noResults("'" + resource + "' is not an SDMX REST 2.1 resource");
    }

    private static void structureRequest(String format, String accept, String detail, UriInfo uri) {
        SdmxFormats.structure(format, accept);
        for (String name : uri.getQueryParameters().keySet()) {
            if (!Set.of("references", "detail", "format").contains(name)) {
                throw SdmxException.syntax("Unknown parameter '" + name + "'; structure queries take references, detail and format");
            }
        }
        if (detail != null && !detail.equalsIgnoreCase("full")) {
            throw SdmxException.notImplemented("detail=" + detail + " is not implemented for structures; detail=full is");
        }
    }

    private static Response xml(String message) {
        return Response.ok(message).type(SdmxFormats.STRUCTURE_XML).build();
    }

    /** A structure message with these flows, data structures and concept schemes, and the code lists the last flows use. */
    private String structureMessage(List<Dataflow> flows, List<Dataflow> dsds, List<Dataflow> schemes, List<Dataflow> codelistsOf) {
        Structures.Snapshot s = structures.reload();
        Set<String> codelists = new LinkedHashSet<>();
        codelistsOf.forEach(f -> codelists.addAll(f.codelistIds()));
        return SdmxXml.structureMessage(s, c -> codes(s, c), new SdmxXml.Content(flows, dsds, schemes, List.copyOf(codelists)));
    }

    /**
     * /{agency}/{id}/{version}: each may be absent or 'all'/'latest'; another agency, id or version is 404.
     * The flows whose artefact (dataflow, DSD or concept scheme id) matches.
     */
    private List<Dataflow> select(String rest, Function<Dataflow, String> artefactId, String kind) {
        String[] parts = parts(rest);
        if (parts.length > 3) {
            throw SdmxException.syntax("Structure queries are /{agency}/{id}/{version}");
        }
        if (parts.length >= 1 && !parts[0].equals(Structures.AGENCY) && !parts[0].equalsIgnoreCase("all")) {
            throw SdmxException.noResults("No structures of agency '" + parts[0] + "'; this service maintains " + Structures.AGENCY);
        }
        List<Dataflow> flows = offered();
        if (parts.length >= 2 && !parts[1].equalsIgnoreCase("all")) {
            String id = parts[1];
            flows = flows.stream().filter(f -> artefactId.apply(f).equals(id)).toList();
            if (flows.isEmpty()) {
                throw SdmxException.noResults("Unknown " + kind + " '" + id + "'; this service offers "
                        + offered().stream().map(artefactId).toList());
            }
        }
        if (parts.length == 3 && !parts[2].equals(Structures.VERSION) && !parts[2].equalsIgnoreCase("latest")
                && !parts[2].equalsIgnoreCase("all") && !parts[2].equals("+") && !parts[2].equals("~")) {
            throw SdmxException.noResults("Unknown version '" + parts[2] + "'; the current version is " + Structures.VERSION);
        }
        return flows;
    }

    /**
     * A code list's version in the path: absent, latest, all, + or ~ mean the current one; another version than the
     * current is 404 naming it (earlier versions are not kept as messages: codes are only added or renamed while data
     * uses them, so the current version validates all data published under an earlier one).
     */
    private static void codelistVersion(String rest, String id, Structures.Snapshot s) {
        String[] parts = parts(rest);
        if (parts.length > 3) {
            throw SdmxException.syntax("Structure queries are /{agency}/{id}/{version}");
        }
        if (parts.length == 3 && id != null && !Set.of("latest", "all", "+", "~").contains(parts[2].toLowerCase(java.util.Locale.ROOT))
                && !parts[2].equals(s.codelistVersion(id))) {
            throw SdmxException.noResults("Unknown version '" + parts[2] + "' of " + id + "; the current version is " + s.codelistVersion(id));
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
