package fr.vigie.server.imports;

import fr.vigie.routes.common.ImportReport;
import fr.vigie.server.audit.AuditConfig;
import fr.vigie.server.security.CallerScopes;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Audits each call to {@code /import}: who (the token's client id), which feed and file, and how it ended. The
 * resources the import then writes are audited by the FHIR endpoint as writes of the internal import client.
 */
@Component
public class ImportAudit {

    private final ObjectProvider<AuditConfig.AuditEventStore> store;

    public ImportAudit(ObjectProvider<AuditConfig.AuditEventStore> store) {
        this.store = store;
    }

    void record(String feed, String source, ImportReport report, String note) {
        AuditConfig.AuditEventStore sink = store.getIfAvailable();
        if (sink == null) {
            return;
        }
        String client = CallerScopes.currentToken().map(CallerScopes::clientId).orElse("anonymous");
        AuditEvent event = new AuditEvent();
        event.setType(
                new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", "create", "create"));
        event.setAction(AuditEvent.AuditEventAction.C);
        event.setRecorded(new Date());
        boolean refused = report == null;
        event.setOutcome(
                refused
                        ? AuditEvent.AuditEventOutcome._8
                        : report.rejected().isEmpty()
                                ? AuditEvent.AuditEventOutcome._0
                                : AuditEvent.AuditEventOutcome._4);
        String description = "import feed " + feed + " from " + source
                + (report == null
                        ? ""
                        : ": " + report.status() + ", " + report.rowsRead() + " rows read, "
                                + report.created() + " created, " + report.updated() + " updated, " + report.unchanged()
                                + " unchanged, " + report.rejected().size() + " rejected")
                + (note == null ? "" : " (" + note + ")");
        event.setOutcomeDesc(description);
        event.addAgent()
                .setRequestor(true)
                .setWho(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(AuditConfig.CLIENT_ID_SYSTEM)
                                .setValue(client))
                        .setDisplay(client));
        event.getSource().setObserver(new Reference().setDisplay("Vigie import endpoint"));
        AuditEvent.AuditEventEntityComponent entity = event.addEntity();
        entity.setName(feed + "/" + source);
        if (report != null && report.id() != null) {
            entity.addDetail().setType("import-report").setValue(new org.hl7.fhir.r4.model.StringType(report.id()));
        }
        sink.recordAuditEvent(event);
    }
}
