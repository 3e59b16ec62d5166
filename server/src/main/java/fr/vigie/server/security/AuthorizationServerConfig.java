package fr.vigie.server.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The built-in authorisation server (Spring Authorization Server) for SMART Backend Services: the
 * {@code client_credentials} grant at {@code /oauth2/token}, clients authenticated by {@code private_key_jwt} (a JWT
 * signed with a key of the JWKS they registered) or {@code client_secret_basic}; tokens are RS256 JWTs carrying
 * {@code scope} (space-separated, as SMART expects), {@code client_id} and the configured audience.
 *
 * <p>Active when no external issuer is configured ({@code vigie.security.issuer-uri} empty). Tokens are
 * self-contained and short-lived, so nothing about them is stored server-side (no introspection or revocation).
 */
@Configuration
@ConditionalOnExpression("'${vigie.security.issuer-uri:}'.isEmpty()")
public class AuthorizationServerConfig {

    /** The client id Vigie uses for its own calls to the FHIR API (imports). */
    public static final String INTERNAL_CLIENT_ID = "vigie-internal";

    private static final Logger log = LoggerFactory.getLogger(AuthorizationServerConfig.class);
    private static final Set<JWSAlgorithm> CLIENT_ASSERTION_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    @Bean
    public RSAKey vigieSigningKey(SecurityProperties properties) {
        return SigningKeys.loadOrCreate(Path.of(properties.keyFile()));
    }

    @Bean
    public JWKSource<SecurityContext> jwkSource(RSAKey vigieSigningKey) {
        return new ImmutableJWKSet<>(new JWKSet(vigieSigningKey));
    }

    @Bean
    public AuthorizationServerSettings authorizationServerSettings(SecurityProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    public RegisteredClientRepository registeredClientRepository(SecurityProperties properties) {
        List<RegisteredClient> clients = new ArrayList<>();
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(properties.tokenLifetime())
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .build();
        for (SecurityProperties.Client client : properties.clients()) {
            clients.add(registered(client, tokens));
        }
        if (properties.demoClient().enabled()) {
            SecurityProperties.DemoClient demo = properties.demoClient();
            clients.add(secretClient("vigie-demo", demo.secret(), demo.secretFile(), demo.scopes(), tokens));
        }
        if (properties.dashboardClient().enabled()) {
            SecurityProperties.DashboardClient dashboard = properties.dashboardClient();
            clients.add(secretClient(
                    dashboard.id(), dashboard.secret(), dashboard.secretFile(), dashboard.scopes(), tokens));
        }
        if (clients.isEmpty()) {
            // Spring's repository refuses an empty list; a client nobody can authenticate as keeps it valid.
            clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId("no-client-registered")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientSettings(ClientSettings.builder()
                            .jwkSetUrl("https://invalid.invalid/jwks")
                            .build())
                    .build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    private static RegisteredClient registered(SecurityProperties.Client client, TokenSettings tokens) {
        RegisteredClient.Builder builder = RegisteredClient.withId(
                        UUID.randomUUID().toString())
                .clientId(client.id())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .tokenSettings(tokens);
        if (!client.secret().isBlank()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientSecret(client.secret());
        }
        if (!client.jwks().isBlank() || !client.jwksUri().isBlank()) {
            ClientSettings.Builder settings =
                    ClientSettings.builder().tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384);
            if (!client.jwksUri().isBlank()) {
                settings.jwkSetUrl(client.jwksUri());
            }
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                    .clientSettings(settings.build());
        }
        if (client.secret().isBlank()
                && client.jwks().isBlank()
                && client.jwksUri().isBlank()) {
            throw new IllegalStateException("vigie.security.clients: client " + client.id()
                    + " needs a jwks or jwks-uri (private_key_jwt) or a secret (client_secret_basic)");
        }
        return builder.build();
    }

    /**
     * A client_secret_basic client whose plain secret comes from the environment, or is generated once into
     * {@code secretFile} (the demo and dashboard clients).
     */
    private static RegisteredClient secretClient(
            String id, String configuredSecret, String secretFile, List<String> scopes, TokenSettings tokens) {
        String secret = configuredSecret.isBlank() ? generatedSecret(id, Path.of(secretFile)) : configuredSecret;
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(id)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(granted -> granted.addAll(scopes))
                .tokenSettings(tokens)
                .build();
    }

    private static String generatedSecret(String clientId, Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            SigningKeys.OwnerOnlyFiles.write(file, secret + "\n");
            log.info("Generated the {} client secret into {} (readable by its owner only)", clientId, file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the " + clientId + " client secret " + file, e);
        }
    }

    /** Puts SMART's claims in every access token: audience, client_id, and scope as one space-separated string. */
    @Bean
    public OAuth2TokenCustomizer<JwtEncodingContext> smartTokenClaims(SecurityProperties properties) {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims()
                        .audience(List.of(properties.audience()))
                        .claim("client_id", context.getRegisteredClient().getClientId())
                        .claim("scope", String.join(" ", context.getAuthorizedScopes()));
            }
        };
    }

    /** Self-contained JWTs need no server-side record: keeping one per token would only grow memory. */
    @Bean
    public OAuth2AuthorizationService authorizationService() {
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
                // nothing to keep
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
                // nothing kept
            }

            @Override
            public OAuth2Authorization findById(String id) {
                return null;
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return null;
            }
        };
    }

    @Bean
    @Order(1)
    public SecurityFilterChain authorizationServerChain(
            HttpSecurity http, SecurityProperties properties, RegisteredClientRepository clients) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        JwtDecoderFactory<RegisteredClient> assertionDecoders = clientAssertionDecoders(properties);
        http.securityMatcher(server.getEndpointsMatcher())
                .with(
                        server,
                        configurer -> configurer.clientAuthentication(authentication ->
                                authentication.authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof JwtClientAssertionAuthenticationProvider jwtProvider) {
                                        jwtProvider.setJwtDecoderFactory(assertionDecoders);
                                    }
                                }))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        return http.build();
    }

    /**
     * Client assertions ({@code private_key_jwt}) of clients registered with an inline JWKS are checked against that
     * JWKS; clients registered with a JWKS URL use Spring's default factory. Spring's validator checks {@code iss}
     * = {@code sub} = client id, {@code aud} = the token endpoint, and the expiry.
     */
    private static JwtDecoderFactory<RegisteredClient> clientAssertionDecoders(SecurityProperties properties) {
        Map<String, JWKSet> inline = new HashMap<>();
        for (SecurityProperties.Client client : properties.clients()) {
            if (!client.jwks().isBlank()) {
                try {
                    inline.put(client.id(), JWKSet.parse(client.jwks()));
                } catch (ParseException e) {
                    throw new IllegalStateException(
                            "vigie.security.clients: the jwks of client " + client.id() + " is not a JWK Set", e);
                }
            }
        }
        JwtClientAssertionDecoderFactory byUrl = new JwtClientAssertionDecoderFactory();
        return client -> {
            JWKSet jwks = inline.get(client.getClientId());
            if (jwks == null) {
                return byUrl.createDecoder(client);
            }
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(
                    new JWSVerificationKeySelector<>(CLIENT_ASSERTION_ALGORITHMS, new ImmutableJWKSet<>(jwks)));
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            decoder.setJwtValidator(JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client));
            return decoder;
        };
    }
}
