package fr.vigie.server.security;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for Vigie's own calls to its FHIR API (the import framework writes through it). Signed with the
 * built-in authorisation server's key, client id {@code vigie-internal}, scope {@code system/*.cruds}, five minutes,
 * renewed a minute before expiry. The import framework picks up every {@link IClientInterceptor} bean.
 *
 * <p>Who asked for an import is checked and audited at {@code /import}, before any write.
 */
@Component
@ConditionalOnExpression("'${vigie.security.issuer-uri:}'.isEmpty()")
public class InternalClientTokens implements IClientInterceptor {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final NimbusJwtEncoder encoder;
    private final SecurityProperties properties;
    private String token;
    private Instant renewAt = Instant.EPOCH;

    public InternalClientTokens(JWKSource<SecurityContext> jwkSource, SecurityProperties properties) {
        this.encoder = new NimbusJwtEncoder(jwkSource);
        this.properties = properties;
    }

    synchronized String token() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(renewAt)) {
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer(properties.issuer())
                    .subject(AuthorizationServerConfig.INTERNAL_CLIENT_ID)
                    .audience(List.of(properties.audience()))
                    .issuedAt(now)
                    .expiresAt(now.plus(LIFETIME))
                    .claim("client_id", AuthorizationServerConfig.INTERNAL_CLIENT_ID)
                    .claim("scope", "system/*.cruds")
                    .build();
            token = encoder.encode(JwtEncoderParameters.from(
                            JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                    .getTokenValue();
            renewAt = now.plus(LIFETIME).minus(Duration.ofMinutes(1));
        }
        return token;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        request.addHeader("Authorization", "Bearer " + token());
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing to do
    }
}
