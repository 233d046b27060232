package org.wsis.indicators.sdmx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SDMX-ML 2.1 structure messages (what SDMX clients request by default for metadata). */
public final class SdmxXml {
    static final String MES = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
    static final String STR = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
    static final String COM = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";

    /** Which artefacts a structure message carries. */
    public record Content(boolean dataflow, boolean dataStructure, boolean concepts, Set<String> codelists) {
    }

    private SdmxXml() {
    }

    public static String structureMessage(Structures.Snapshot s, Content content) {
        StringBuilder x = new StringBuilder(1 << 15);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<mes:Structure xmlns:mes=\"").append(MES).append("\" xmlns:str=\"").append(STR)
                .append("\" xmlns:com=\"").append(COM).append("\">\n");
        header(x, "mes");
        x.append("<mes:Structures>\n");
        if (content.dataflow()) {
            x.append("<str:Dataflows><str:Dataflow id=\"").append(Structures.FLOW).append("\" agencyID=\"").append(Structures.AGENCY)
                    .append("\" version=\"").append(Structures.VERSION).append("\" isFinal=\"true\">")
                    .append(name("ICT indicators exchanged by UN agencies (WSIS)"))
                    .append("<str:Structure><Ref id=\"").append(Structures.DSD).append("\" version=\"").append(Structures.VERSION)
                    .append("\" agencyID=\"").append(Structures.AGENCY).append("\" package=\"datastructure\" class=\"DataStructure\"/></str:Structure>")
                    .append("</str:Dataflow></str:Dataflows>\n");
        }
        if (!content.codelists().isEmpty()) {
            x.append("<str:Codelists>\n");
            for (String codelist : s.codelistIds()) {
                if (!content.codelists().contains(codelist)) {
                    continue;
                }
                x.append("<str:Codelist id=\"").append(codelist).append("\" agencyID=\"").append(Structures.AGENCY)
                        .append("\" version=\"").append(Structures.VERSION).append("\" isFinal=\"true\">")
                        .append(name(codelistName(codelist)));
                for (Map.Entry<String, String> code : s.codes(codelist).entrySet()) {
                    x.append("<str:Code id=\"").append(escape(code.getKey())).append("\">");
                    String m49 = codelist.equals("CL_AREA") ? s.m49().get(code.getKey()) : null;
                    if (m49 != null) {
                        // UN M49 code, so the data joins with M49-coded (SDG) data; M49 is accepted in keys too
                        x.append("<com:Annotations><com:Annotation id=\"M49\"><com:AnnotationTitle>").append(m49)
                                .append("</com:AnnotationTitle><com:AnnotationType>M49</com:AnnotationType></com:Annotation></com:Annotations>");
                    }
                    x.append(name(code.getValue())).append("</str:Code>");
                }
                x.append("</str:Codelist>\n");
            }
            x.append("</str:Codelists>\n");
        }
        if (content.concepts()) {
            x.append("<str:Concepts><str:ConceptScheme id=\"").append(Structures.CONCEPTS).append("\" agencyID=\"")
                    .append(Structures.AGENCY).append("\" version=\"").append(Structures.VERSION).append("\" isFinal=\"true\">")
                    .append(name("ICT indicator concepts"));
            for (Structures.Dimension d : Structures.DIMENSIONS) {
                concept(x, d.id(), d.name());
            }
            concept(x, "TIME_PERIOD", "Time period");
            concept(x, "OBS_VALUE", "Observation value");
            concept(x, "OBS_STATUS", "Observation status");
            concept(x, "COMMENT_OBS", "Observation comment (the provider's note)");
            concept(x, "UNIT_MEASURE", "Unit of measure");
            concept(x, "UNIT_MULT", "Unit multiplier (power of 10)");
            x.append("</str:ConceptScheme></str:Concepts>\n");
        }
        if (content.dataStructure()) {
            dataStructure(x);
        }
        x.append("</mes:Structures>\n</mes:Structure>\n");
        return x.toString();
    }

    /**
     * SDMX-ML 2.1 availability: one Actual ContentConstraint on the dataflow whose cube region lists,
     * per dimension, the codes that have data (TIME_PERIOD as a range). component: only that dimension.
     */
    public static String availability(Map<String, List<String>> available, String component) {
        StringBuilder x = new StringBuilder(1 << 14);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<mes:Structure xmlns:mes=\"").append(MES).append("\" xmlns:str=\"").append(STR)
                .append("\" xmlns:com=\"").append(COM).append("\">\n");
        header(x, "mes");
        x.append("<mes:Structures><str:Constraints><str:ContentConstraint id=\"CC_").append(Structures.FLOW)
                .append("\" agencyID=\"").append(Structures.AGENCY).append("\" version=\"").append(Structures.VERSION)
                .append("\" isFinal=\"false\" type=\"Actual\">").append(name("Data available for the query"))
                .append("<str:ConstraintAttachment><str:Dataflow><Ref id=\"").append(Structures.FLOW).append("\" agencyID=\"")
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

    private static void dataStructure(StringBuilder x) {
        x.append("<str:DataStructures><str:DataStructure id=\"").append(Structures.DSD).append("\" agencyID=\"")
                .append(Structures.AGENCY).append("\" version=\"").append(Structures.VERSION).append("\" isFinal=\"true\">")
                .append(name("ICT indicators: FREQ.REF_AREA.INDICATOR.SEX.AGE.URBANISATION"))
                .append("<str:DataStructureComponents><str:DimensionList id=\"DimensionDescriptor\">");
        int position = 1;
        for (Structures.Dimension d : Structures.DIMENSIONS) {
            x.append("<str:Dimension id=\"").append(d.id()).append("\" position=\"").append(position++).append("\">");
            conceptRef(x, d.id());
            enumeration(x, d.codelist());
            x.append("</str:Dimension>");
        }
        x.append("<str:TimeDimension id=\"TIME_PERIOD\" position=\"").append(position).append("\">");
        conceptRef(x, "TIME_PERIOD");
        x.append("<str:LocalRepresentation><str:TextFormat textType=\"ObservationalTimePeriod\"/></str:LocalRepresentation></str:TimeDimension>");
        x.append("</str:DimensionList><str:AttributeList id=\"AttributeDescriptor\">");
        attribute(x, "OBS_STATUS", "CL_OBS_STATUS", "Conditional", "<str:PrimaryMeasure><Ref id=\"OBS_VALUE\"/></str:PrimaryMeasure>");
        x.append("<str:Attribute id=\"COMMENT_OBS\" assignmentStatus=\"Conditional\">");
        conceptRef(x, "COMMENT_OBS");
        x.append("<str:LocalRepresentation><str:TextFormat textType=\"String\" maxLength=\"2000\"/></str:LocalRepresentation>")
                .append("<str:AttributeRelationship><str:PrimaryMeasure><Ref id=\"OBS_VALUE\"/></str:PrimaryMeasure></str:AttributeRelationship></str:Attribute>");
        attribute(x, "UNIT_MEASURE", "CL_UNIT_MEASURE", "Mandatory", "<str:Dimension><Ref id=\"INDICATOR\"/></str:Dimension>");
        attribute(x, "UNIT_MULT", "CL_UNIT_MULT", "Mandatory", "<str:Dimension><Ref id=\"INDICATOR\"/></str:Dimension>");
        x.append("</str:AttributeList><str:MeasureList id=\"MeasureDescriptor\"><str:PrimaryMeasure id=\"OBS_VALUE\">");
        conceptRef(x, "OBS_VALUE");
        x.append("</str:PrimaryMeasure></str:MeasureList></str:DataStructureComponents></str:DataStructure></str:DataStructures>\n");
    }

    private static void attribute(StringBuilder x, String id, String codelist, String assignment, String relationship) {
        x.append("<str:Attribute id=\"").append(id).append("\" assignmentStatus=\"").append(assignment).append("\">");
        conceptRef(x, id);
        enumeration(x, codelist);
        x.append("<str:AttributeRelationship>").append(relationship).append("</str:AttributeRelationship></str:Attribute>");
    }

    private static void conceptRef(StringBuilder x, String concept) {
        x.append("<str:ConceptIdentity><Ref id=\"").append(concept).append("\" maintainableParentID=\"").append(Structures.CONCEPTS)
                .append("\" maintainableParentVersion=\"").append(Structures.VERSION).append("\" agencyID=\"").append(Structures.AGENCY)
                .append("\" package=\"conceptscheme\" class=\"Concept\"/></str:ConceptIdentity>");
    }

    private static void enumeration(StringBuilder x, String codelist) {
        x.append("<str:LocalRepresentation><str:Enumeration><Ref id=\"").append(codelist).append("\" version=\"")
                .append(Structures.VERSION).append("\" agencyID=\"").append(Structures.AGENCY)
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
            default -> codelist;
        };
    }

    static void header(StringBuilder x, String prefix) {
        x.append("<").append(prefix).append(":Header><").append(prefix).append(":ID>IREF").append(System.nanoTime())
                .append("</").append(prefix).append(":ID><").append(prefix).append(":Test>false</").append(prefix).append(":Test><")
                .append(prefix).append(":Prepared>").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</").append(prefix)
                .append(":Prepared><").append(prefix).append(":Sender id=\"").append(Structures.AGENCY).append("\"/></").append(prefix).append(":Header>\n");
    }

    private static String name(String text) {
        return "<com:Name xml:lang=\"en\">" + escape(text) + "</com:Name>";
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

    static List<String> allCodelists(Structures.Snapshot s) {
        return s.codelistIds();
    }
}
