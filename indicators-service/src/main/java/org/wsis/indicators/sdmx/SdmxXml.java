package org.wsis.indicators.sdmx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.wsis.commons.i18n.LabelTexts;
import org.wsis.commons.i18n.UnLanguage;

/** SDMX-ML 2.1 structure messages (what SDMX clients request by default for metadata). */
public final class SdmxXml {
    static final String MES = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
    static final String STR = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
    static final String COM = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";

    /** Which artefacts a structure message carries: dataflows, their DSDs, their concept schemes, code lists (in order). */
    public record Content(List<Dataflow> dataflows, List<Dataflow> dataStructures, List<Dataflow> conceptSchemes,
                          List<String> codelists) {
    }

    private SdmxXml() {
    }

    /**
     * @param s     DF_ICT's structures (the UN M49 annotations of CL_AREA)
     * @param codes the codes (id -> name) of any code list named in content
     */
    public static String structureMessage(Structures.Snapshot s, Function<String, Map<String, String>> codes, Content content) {
        StringBuilder x = new StringBuilder(1 << 15);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<mes:Structure xmlns:mes=\"").append(MES).append("\" xmlns:str=\"").append(STR)
                .append("\" xmlns:com=\"").append(COM).append("\">\n");
        header(x, "mes");
        x.append("<mes:Structures>\n");
        if (!content.dataflows().isEmpty()) {
            x.append("<str:Dataflows>");
            for (Dataflow flow : content.dataflows()) {
                x.append("<str:Dataflow id=\"").append(flow.id()).append("\" agencyID=\"").append(Structures.AGENCY)
                        .append("\" version=\"").append(Structures.VERSION).append("\" isFinal=\"false\">")
                        .append(name(flow.name()))
                        .append("<str:Structure><Ref id=\"").append(flow.dsd()).append("\" version=\"").append(Structures.VERSION)
                        .append("\" agencyID=\"").append(Structures.AGENCY).append("\" package=\"datastructure\" class=\"DataStructure\"/></str:Structure>")
                        .append("</str:Dataflow>");
            }
            x.append("</str:Dataflows>\n");
        }
        if (!content.codelists().isEmpty()) {
            x.append("<str:Codelists>\n");
            for (String codelist : content.codelists()) {
                // not final: ITU staff add and rename codes through the API, each change a new version 1.n
                x.append("<str:Codelist id=\"").append(codelist).append("\" agencyID=\"").append(Structures.AGENCY)
                        .append("\" version=\"").append(s.codelistVersion(codelist)).append("\" isFinal=\"false\">")
                        .append(name(s.codelistNames().containsKey(codelist) && codelistName(codelist).equals(codelist)
                                ? s.codelistNames().get(codelist) : codelistName(codelist)));
                for (Map.Entry<String, String> code : codes.apply(codelist).entrySet()) {
                    x.append("<str:Code id=\"").append(escape(code.getKey())).append("\">");
                    String m49 = codelist.equals("CL_AREA") ? s.m49().get(code.getKey()) : null;
                    if (m49 != null) {
                        // UN M49 code, so the data joins with M49-coded (SDG) data; M49 is accepted in keys too
                        x.append("<com:Annotations><com:Annotation id=\"M49\"><com:AnnotationTitle>").append(m49)
                                .append("</com:AnnotationTitle><com:AnnotationType>M49</com:AnnotationType></com:Annotation></com:Annotations>");
                    }
                    x.append(names(s.codeNames(codelist, code.getKey(), code.getValue()))).append("</str:Code>");
                }
                x.append("</str:Codelist>\n");
            }
            x.append("</str:Codelists>\n");
        }
        if (!content.conceptSchemes().isEmpty()) {
            x.append("<str:Concepts>");
            for (Dataflow flow : content.conceptSchemes()) {
                x.append("<str:ConceptScheme id=\"").append(flow.conceptScheme()).append("\" agencyID=\"")
                        .append(Structures.AGENCY).append("\" version=\"").append(Structures.VERSION).append("\" isFinal=\"true\">")
                        .append(name(flow.conceptSchemeName()));
                for (Structures.Dimension d : flow.dimensions()) {
                    concept(x, d.id(), d.name());
                }
                concept(x, "TIME_PERIOD", "Time period");
                concept(x, "OBS_VALUE", flow.measureName());
                for (Dataflow.Attribute a : flow.attributes()) {
                    concept(x, a.id(), a.name());
                }
                x.append("</str:ConceptScheme>");
            }
            x.append("</str:Concepts>\n");
        }
        if (!content.dataStructures().isEmpty()) {
            x.append("<str:DataStructures>");
            for (Dataflow flow : content.dataStructures()) {
                dataStructure(x, flow, s);
            }
            x.append("</str:DataStructures>\n");
        }
        x.append("</mes:Structures>\n</mes:Structure>\n");
        return x.toString();
    }

    /**
     * SDMX-ML 2.1 availability: one Actual ContentConstraint on the dataflow whose cube region lists,
     * per dimension, the codes that have data (TIME_PERIOD as a range). component: only that dimension.
     */
    public static String availability(Dataflow flow, Map<String, List<String>> available, String component) {
        StringBuilder x = new StringBuilder(1 << 14);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<mes:Structure xmlns:mes=\"").append(MES).append("\" xmlns:str=\"").append(STR)
                .append("\" xmlns:com=\"").append(COM).append("\">\n");
        header(x, "mes");
        x.append("<mes:Structures><str:Constraints><str:ContentConstraint id=\"CC_").append(flow.id())
                .append("\" agencyID=\"").append(Structures.AGENCY).append("\" version=\"").append(Structures.VERSION)
                .append("\" isFinal=\"false\" type=\"Actual\">").append(name("Data available for the query"))
                .append("<str:ConstraintAttachment><str:Dataflow><Ref id=\"").append(flow.id()).append("\" agencyID=\"")
                .append(Structures.AGENCY).append("\" version=\"").append(Structures.VERSION)
                .append("\" package=\"datastructure\" class=\"Dataflow\"/></str:Dataflow></str:ConstraintAttachment>")
                .append("<str:CubeRegion include=\"true\">");
        for (Map.Entry<String, List<String>> e : available.entrySet()) {
            if (component != null && !component.equals(e.getKey())) {
                continue;
            }
            x.append("<com:KeyValue id=\"").append(e.getKey()).append("\">");
            if (e.getKey().equals("TIME_PERIOD")) {
                x.append("<com:TimeRange><com:StartPeriod isInclusive=\"true\">").append(e.getValue().get(0))
                        .append("</com:StartPeriod><com:EndPeriod isInclusive=\"true\">").append(e.getValue().get(1))
                        .append("</com:EndPeriod></com:TimeRange>");
            } else {
                for (String value : e.getValue()) {
                    x.append("<com:Value>").append(escape(value)).append("</com:Value>");
                }
            }
            x.append("</com:KeyValue>");
        }
        x.append("</str:CubeRegion></str:ContentConstraint></str:Constraints></mes:Structures>\n</mes:Structure>\n");
        return x.toString();
    }

    private static void dataStructure(StringBuilder x, Dataflow flow, Structures.Snapshot s) {
        String scheme = flow.conceptScheme();
        x.append("<str:DataStructure id=\"").append(flow.dsd()).append("\" agencyID=\"")
                .append(Structures.AGENCY).append("\" version=\"").append(Structures.VERSION).append("\" isFinal=\"false\">")
                .append(name(flow.dsdName()))
                .append("<str:DataStructureComponents><str:DimensionList id=\"DimensionDescriptor\">");
        int position = 1;
        for (Structures.Dimension d : flow.dimensions()) {
            x.append("<str:Dimension id=\"").append(d.id()).append("\" position=\"").append(position++).append("\">");
            conceptRef(x, scheme, d.id());
            enumeration(x, d.codelist(), s);
            x.append("</str:Dimension>");
        }
        x.append("<str:TimeDimension id=\"TIME_PERIOD\" position=\"").append(position).append("\">");
        conceptRef(x, scheme, "TIME_PERIOD");
        x.append("<str:LocalRepresentation><str:TextFormat textType=\"ObservationalTimePeriod\"/></str:LocalRepresentation></str:TimeDimension>");
        x.append("</str:DimensionList>");
        if (!flow.attributes().isEmpty()) {
            x.append("<str:AttributeList id=\"AttributeDescriptor\">");
            for (Dataflow.Attribute a : flow.attributes()) {
                x.append("<str:Attribute id=\"").append(a.id()).append("\" assignmentStatus=\"")
                        .append(a.mandatory() ? "Mandatory" : "Conditional").append("\">");
                conceptRef(x, scheme, a.id());
                if (a.codelist() == null) {
                    x.append("<str:LocalRepresentation><str:TextFormat textType=\"String\" maxLength=\"2000\"/></str:LocalRepresentation>");
                } else {
                    enumeration(x, a.codelist(), s);
                }
                x.append("<str:AttributeRelationship>")
                        .append(a.dimension() == null ? "<str:PrimaryMeasure><Ref id=\"OBS_VALUE\"/></str:PrimaryMeasure>"
                                : "<str:Dimension><Ref id=\"" + a.dimension() + "\"/></str:Dimension>")
                        .append("</str:AttributeRelationship></str:Attribute>");
            }
            x.append("</str:AttributeList>");
        }
        x.append("<str:MeasureList id=\"MeasureDescriptor\"><str:PrimaryMeasure id=\"OBS_VALUE\">");
        conceptRef(x, scheme, "OBS_VALUE");
        x.append("</str:PrimaryMeasure></str:MeasureList></str:DataStructureComponents></str:DataStructure>");
    }

    private static void conceptRef(StringBuilder x, String scheme, String concept) {
        x.append("<str:ConceptIdentity><Ref id=\"").append(concept).append("\" maintainableParentID=\"").append(scheme)
                .append("\" maintainableParentVersion=\"").append(Structures.VERSION).append("\" agencyID=\"").append(Structures.AGENCY)
                .append("\" package=\"conceptscheme\" class=\"Concept\"/></str:ConceptIdentity>");
    }

    /** The DSD refers to each code list's current version (the DSD stays 1.0: codes are added, never its dimensions). */
    private static void enumeration(StringBuilder x, String codelist, Structures.Snapshot s) {
        x.append("<str:LocalRepresentation><str:Enumeration><Ref id=\"").append(codelist).append("\" version=\"")
                .append(s.codelistVersion(codelist)).append("\" agencyID=\"").append(Structures.AGENCY)
                .append("\" package=\"codelist\" class=\"Codelist\"/></str:Enumeration></str:LocalRepresentation>");
    }

    private static void concept(StringBuilder x, String id, String name) {
        x.append("<str:Concept id=\"").append(id).append("\">").append(name(name)).append("</str:Concept>");
    }

    static String codelistName(String codelist) {
        return switch (codelist) {
            case "CL_FREQ" -> "Frequency";
            case "CL_AREA" -> "Economies (ISO 3166-1 alpha-3, annotated with UN M49) and aggregates";
            case "CL_INDICATOR" -> "ICT indicators";
            case "CL_SEX" -> "Sex";
            case "CL_AGE" -> "Age groups";
            case "CL_URBANISATION" -> "Urban or rural area";
            case "CL_OBS_STATUS" -> "Observation status";
            case "CL_UNIT_MEASURE" -> "Units of measure";
            case "CL_UNIT_MULT" -> "Unit multipliers";
            case "CL_ACTION_LINE" -> "WSIS action lines (C1-C11, C7's applications)";
            case "CL_SDG" -> "Sustainable Development Goals";
            case "CL_REGION" -> "ITU regions and international scope";
            case "CL_STAKEHOLDER_TYPE" -> "Stakeholder types";
            case "CL_PRIZE_CATEGORY" -> "WSIS Prizes categories";
            case "CL_PRIZE_MEASURE" -> "WSIS Prizes measures";
            default -> codelist;
        };
    }

    static void header(StringBuilder x, String prefix) {
        x.append("<").append(prefix).append(":Header><").append(prefix).append(":ID>IREF").append(System.nanoTime())
                .append("</").append(prefix).append(":ID><").append(prefix).append(":Test>false</").append(prefix).append(":Test><")
                .append(prefix).append(":Prepared>").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</").append(prefix)
                .append(":Prepared><").append(prefix).append(":Sender id=\"").append(Structures.AGENCY).append("\"/></").append(prefix).append(":Header>\n");
    }

    /** An artefact's or concept's name in every UN language it has a text in (English always). */
    private static String name(String english) {
        return names(SdmxLabels.name(english));
    }

    /** English first (clients that take "any" language take the first), then the other UN languages. */
    private static final java.util.List<UnLanguage> NAME_ORDER = java.util.List.of(UnLanguage.EN, UnLanguage.AR,
            UnLanguage.ZH, UnLanguage.FR, UnLanguage.RU, UnLanguage.ES);

    /** One com:Name per language that has a text, English (always there) first. */
    private static String names(LabelTexts texts) {
        StringBuilder x = new StringBuilder();
        for (UnLanguage language : NAME_ORDER) {
            String text = texts.in(language);
            if (text != null && !text.isBlank()) {
                x.append("<com:Name xml:lang=\"").append(language.code()).append("\">").append(escape(text)).append("</com:Name>");
            }
        }
        return x.toString();
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static String jsonEscape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

}
