package org.wsis.indicators.sdmx;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** SDMX-ML 2.1 error message, or SDMX-JSON errors when the client asked for JSON. */
@Provider
public class SdmxExceptionMapper implements ExceptionMapper<SdmxException> {
    public static final String XML_ERROR = "application/vnd.sdmx.error+xml;version=2.1";
    /** What SDMX errors come as, for the OpenAPI document: SDMX-ML, or SDMX-JSON errors to a client asking for JSON. */
    public static final String ERROR_MEDIA_TYPES = XML_ERROR + ", application/json";

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(SdmxException e) {
        String accept = headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT);
        if (SdmxFormats.wantsJsonErrors(accept)) {
            String json = "{\"errors\":[{\"code\":" + e.code() + ",\"title\":\"" + SdmxXml.jsonEscape(e.title())
                    + "\",\"detail\":\"" + SdmxXml.jsonEscape(e.getMessage()) + "\"}]}";
            return Response.status(e.httpStatus()).type("application/json").entity(json)
                    .header("Retry-After", e.httpStatus() == 503 ? "5" : null).build();
        }
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <mes:Error xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
                  <mes:ErrorMessage code="%d">
                    <com:Text xml:lang="en">%s: %s</com:Text>
                  </mes:ErrorMessage>
                </mes:Error>
                """.formatted(e.code(), SdmxXml.escape(e.title()), SdmxXml.escape(e.getMessage()));
        Response.ResponseBuilder response = Response.status(e.httpStatus()).type(XML_ERROR).entity(xml);
        if (e.httpStatus() == 503) {
            response.header("Retry-After", "5");
        }
        return response.build();
    }
}
