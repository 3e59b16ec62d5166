package fr.vigie.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in authorisation server's RSA signing key, kept in a file readable by its owner only so that tokens
 * survive a restart. Nodes sharing one database should share this file (or mount the same volume).
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {}

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID("vigie-" + LocalDate.now())
                    .generate();
            OwnerOnlyFiles.write(file, new JWKSet(key).getKeys().get(0).toJSONString());
            log.info("Created the token signing key {}", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Invalid signing key in " + file + ": delete it to create a new one", e);
        }
    }

    /** Files readable and writable by their owner only. */
    static final class OwnerOnlyFiles {
        private OwnerOnlyFiles() {}

        static void write(Path file, String content) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp", "");
            try {
                setOwnerOnly(tmp);
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        private static void setOwnerOnly(Path path) throws IOException {
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (Windows): the folder's ACL applies.
                log.debug("Cannot set POSIX permissions on {}", path);
            }
        }
    }
}
