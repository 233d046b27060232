package org.wsis.indicators.sdmx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One dataflow this service serves and its data structure, as the writers and structure messages need it:
 * artefact ids (agency WSIS, version 1.0), the key dimensions in key order (TIME_PERIOD follows them) and the
 * attributes. DF_ICT is {@link Structures#ICT}; the WSIS statistics flows are in the statistics package.
 */
public record Dataflow(String id, String name, String dsd, String dsdName, String conceptScheme, String conceptSchemeName,
                       List<Structures.Dimension> dimensions, String measureName, List<Attribute> attributes) {

    /**
     * An attribute: coded by a code list (or free text when codelist is null), attached to the observation
     * (dimension null) or to one dimension (then it is a series attribute whenever that dimension keys the series).
     */
    public record Attribute(String id, String name, String codelist, String dimension, boolean mandatory) {
    }

    public String urnShort() {
        return Structures.AGENCY + ":" + id + "(" + Structures.VERSION + ")";
    }

    /** The structure reference used in data messages' headers and data sets. */
    public String structureRef() {
        return Structures.AGENCY + "_" + dsd + "_" + Structures.VERSION.replace('.', '_');
    }

    /** Key dimensions, then TIME_PERIOD. */
    public List<String> dimensionIds() {
        List<String> ids = new ArrayList<>();
        dimensions.forEach(d -> ids.add(d.id()));
        ids.add(DataQuery.TIME_PERIOD);
        return ids;
    }

    /** Index of a dimension in {@link #dimensionIds()}, -1 if none. */
    public int dimensionIndex(String id) {
        return dimensionIds().indexOf(id);
    }

    /** The key in words, e.g. FREQ.REF_AREA.INDICATOR. */
    public String keyTemplate() {
        return String.join(".", dimensions.stream().map(Structures.Dimension::id).toList());
    }

    /** The code lists its dimensions and coded attributes use, in that order. */
    public List<String> codelistIds() {
        Set<String> ids = new LinkedHashSet<>();
        dimensions.forEach(d -> ids.add(d.codelist()));
        attributes.stream().filter(a -> a.codelist() != null).forEach(a -> ids.add(a.codelist()));
        return List.copyOf(ids);
    }
}
