package org.wsis.indicators.upload;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams an SDMX-ML 2.1 data message (structure-specific or generic, as SDMX tools write them) into
 * staging rows, one per observation, never holding the document. Components are mapped by concept id:
 * REF_AREA, INDICATOR, SEX, AGE, URBANISATION, TIME_PERIOD, OBS_VALUE, OBS_STATUS, COMMENT_OBS; FREQ must
 * be A, OBS_CONF F; UNIT_MEASURE/UNIT_MULT/DECIMALS follow from the indicator. A DataSet with
 * action="Delete" is refused. DTDs and external entities are disabled (no XXE).
 */
final class SdmxMlReader {
    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private static final Map<String, Integer> COLUMN = Map.of("INDICATOR", 0, "REF_AREA", 1, "SEX", 2, "AGE", 3, "URBANISATION", 4,
            "TIME_PERIOD", 5, "OBS_VALUE", 6, "OBS_STATUS", 7, "COMMENT_OBS", 8);
    private static final java.util.Set<String> DERIVED = java.util.Set.of("UNIT_MEASURE", "UNIT_MULT", "DECIMALS", "TIME_FORMAT");

    private SdmxMlReader() {
    }

    static void read(InputStream body, RowReader.Sink sink) throws IOException {
        try {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(body);
            try {
                read(xml, sink);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new RowReader.MalformedUpload("Malformed SDMX-ML: " + e.getMessage());
        }
    }

    private static void read(XMLStreamReader xml, RowReader.Sink sink) throws XMLStreamException, IOException {
        boolean generic = false;
        boolean sawDataSet = false;
        Map<String, String> series = new HashMap<>();
        Map<String, String> obs = null;
        String section = null;     // generic: SeriesKey, Attributes (series or obs), ObsKey
        int index = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                switch (name) {
                    case "GenericData", "GenericTimeSeriesData" -> generic = true;
                    case "StructureSpecificData", "StructureSpecificTimeSeriesData", "Header", "Structure" -> {
                    }
                    case "Error" -> throw new RowReader.MalformedUpload("The body is an SDMX error message, not data");
                    case "DataSet" -> {
                        sawDataSet = true;
                        String action = xml.getAttributeValue(null, "action");
                        if ("Delete".equalsIgnoreCase(action)) {
                            throw new RowReader.MalformedUpload("DataSet action=\"Delete\" is refused: published values are never "
                                    + "deleted; send a revision, or status M/L/O for a value that should not exist");
                        }
                        series = new HashMap<>();
                        attributes(xml, series);
                    }
                    case "Series" -> {
                        series = new HashMap<>();
                        attributes(xml, series);
                    }
                    case "Obs" -> {
                        obs = new HashMap<>(series);
                        attributes(xml, obs);
                    }
                    case "SeriesKey", "ObsKey", "Attributes" -> section = name;
                    case "Value" -> {
                        String id = xml.getAttributeValue(null, "id");
                        String value = xml.getAttributeValue(null, "value");
                        if (id != null) {
                            (obs != null ? obs : series).put(id, value);
                        }
                    }
                    case "ObsDimension" -> {
                        if (obs != null) {
                            String id = xml.getAttributeValue(null, "id");
                            obs.put(id == null ? "TIME_PERIOD" : id, xml.getAttributeValue(null, "value"));
                        }
                    }
                    case "ObsValue" -> {
                        if (obs != null) {
                            obs.put("OBS_VALUE", xml.getAttributeValue(null, "value"));
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("Obs") && obs != null) {
                    index++;
                    emit(index, obs, sink);
                    obs = null;
                } else if (name.equals(section)) {
                    section = null;
                }
            }
        }
        if (!sawDataSet) {
            throw new RowReader.MalformedUpload("No DataSet: expected an SDMX-ML 2.1 " + (generic ? "GenericData" : "StructureSpecificData")
                    + " message");
        }
    }

    /** Non-namespaced attributes of a structure-specific element are component values. */
    private static void attributes(XMLStreamReader xml, Map<String, String> into) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String ns = xml.getAttributeNamespace(i);
            if (ns == null || ns.isEmpty()) {
                String name = xml.getAttributeLocalName(i);
                if (!name.equals("action") && !name.equals("structureRef") && !name.equals("id")) {
                    into.put(name, xml.getAttributeValue(i));
                }
            }
        }
    }

    private static void emit(int index, Map<String, String> components, RowReader.Sink sink) throws IOException {
        String[] values = new String[RowReader.COLUMNS.size()];
        boolean bad = false;
        for (Map.Entry<String, String> c : components.entrySet()) {
            String value = c.getValue() == null || c.getValue().isBlank() ? null : c.getValue().trim();
            Integer column = COLUMN.get(c.getKey());
            if (column != null) {
                values[column] = value;
            } else if (c.getKey().equals("FREQ")) {
                if (value != null && !value.equals("A")) {
                    sink.error(index, "FREQ", "only annual data (A) is accepted, got '" + value + "'");
                    bad = true;
                }
            } else if (c.getKey().equals("OBS_CONF")) {
                if (value != null && !value.equals("F")) {
                    sink.error(index, "OBS_CONF", "only free (F) observations are accepted on this public platform, got '" + value + "'");
                    bad = true;
                }
            } else if (!DERIVED.contains(c.getKey())) {
                sink.error(index, c.getKey(), "is not a component of WSIS:DSD_ICT(1.0)");
                bad = true;
            }
        }
        if ("NaN".equals(values[6])) {
            values[6] = null;
            if (values[7] == null) {
                values[7] = "M";
            }
        }
        if (!bad) {
            sink.row(index, values);
        }
    }
}
