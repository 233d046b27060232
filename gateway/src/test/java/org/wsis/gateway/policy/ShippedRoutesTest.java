package org.wsis.gateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.gateway.UpstreamStub;
import org.wsis.gateway.routing.Services;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The stricter routes of application.properties reach the services' real write paths (a pattern
 * that misses them limits nothing, silently): voting, registering, signing up, uploading batches.
 */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class ShippedRoutesTest {
    @Inject
    RoutePolicies policies;
    @Inject
    Services services;

    @Test
    void theServicesWritePathsFallUnderTheirRoutes() {
        assertEquals("prizes-votes", policies.resolve(services.require("prizes"), "POST", "/api/prizes/v1/editions/2027/votes").name());
        // each call e-mails a code: its own, stricter route
        assertEquals("prizes-vote-step-up", policies.resolve(services.require("prizes"), "POST", "/api/prizes/v1/editions/2027/votes/step-up").name());
        assertEquals("forum-registrations", policies.resolve(services.require("forum"), "POST", "/api/forum/v1/editions/2027/registrations/me").name());
        assertEquals("forum-signups", policies.resolve(services.require("forum"), "POST",
                "/api/forum/v1/sessions/0b7c5a5e-5d2a-4a4e-9d0c-6f1f8f0e2a11/signups").name());
        assertEquals("forum-signups", policies.resolve(services.require("forum"), "DELETE",
                "/api/forum/v1/sessions/0b7c5a5e-5d2a-4a4e-9d0c-6f1f8f0e2a11/signups/me").name());
        assertEquals("indicator-batches", policies.resolve(services.require("indicators"), "POST", "/api/indicators/v1/batches").name());
        // an organizer working through the accreditation queue is not paced like people registering
        assertEquals("forum", policies.resolve(services.require("forum"), "POST",
                "/api/forum/v1/registrations/0b7c5a5e-5d2a-4a4e-9d0c-6f1f8f0e2a11/approval").name());
        // reads stay on the service's default route
        assertEquals("forum", policies.resolve(services.require("forum"), "GET", "/api/forum/v1/editions/2027/registrations/me").name());
    }
}
