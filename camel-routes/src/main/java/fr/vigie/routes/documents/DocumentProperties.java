package fr.vigie.routes.documents;

import fr.vigie.routes.documents.nlp.ClinicalNlpSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the documents feed and of the enrichment of DocumentReferences created through FHIR
 * ({@code vigie.documents.*}).
 *
 * @param maxSize largest document accepted (default 20MB); a larger one is rejected, never truncated
 * @param enrichFhirCreated whether a DocumentReference created through FHIR with an attachment (inline or a
 *     {@code Binary} URL) and no extracted text is enriched in the background (default true)
 * @param ocr text extraction settings
 * @param nlp dictionaries and model of the clinical NLP
 */
@Validated
@ConfigurationProperties("vigie.documents")
public record DocumentProperties(
        @NotNull @DefaultValue("20MB") DataSize maxSize,
        @DefaultValue("true") boolean enrichFhirCreated,
        @Valid @NotNull @DefaultValue Ocr ocr,
        @Valid @NotNull @DefaultValue Nlp nlp) {

    /**
     * Text extraction.
     *
     * @param command the Tesseract executable (default {@code tesseract}, Debian {@code tesseract-ocr})
     * @param language Tesseract language data (default {@code fra}, Debian {@code tesseract-ocr-fra})
     * @param dpi resolution scanned PDF pages are rendered at for OCR, 100–600 (default 300, Tesseract's optimum)
     * @param minConfidence an OCR page whose mean word confidence (0–100) is under this is flagged low confidence
     *     (default 70)
     * @param minTextLayerChars a PDF page whose text layer has fewer non-blank characters is treated as scanned and
     *     sent to OCR (default 20)
     * @param timeout longest Tesseract run on one page (default 2 minutes)
     * @param parallelism pages OCRed at once within one document, 1–16 (default 1: one Tesseract at a time while the
     *     next PDF page is rendered, as fast as the plain command; 2 nearly doubles pages per minute on 2 idle cores
     *     at the cost of the other requests; see the benchmark)
     */
    public record Ocr(
            @NotBlank @DefaultValue("tesseract") String command,
            @NotBlank @DefaultValue("fra") String language,
            @Min(100) @Max(600) @DefaultValue("300") int dpi,
            @Min(0) @Max(100) @DefaultValue("70") double minConfidence,
            @Min(0) @DefaultValue("20") int minTextLayerChars,
            @NotNull @DefaultValue("2m") Duration timeout,
            @Min(1) @Max(16) @DefaultValue("1") int parallelism) {

        /** The defaults, for tests and the benchmark. */
        public static Ocr defaults() {
            return new Ocr("tesseract", "fra", 300, 70, 20, Duration.ofMinutes(2), 1);
        }
    }

    /**
     * Where the clinical NLP takes its dictionaries and model from ({@code vigie.documents.nlp.*}). Each path is
     * optional: unset or empty keeps the small built-in resource under {@code classpath:nlp/}; a path that is set must
     * be a readable file, checked at start.
     *
     * @param cim10File a full CIM-10 FR list, CSV {@code code,code_atih,libelle,niveau} (the layout of the ATIH PMSI
     *     list, e.g. {@code cim10_fr_2025_pmsi.csv}); not redistributable with Vigie, hence a path
     * @param bdpmSpecialitesFile BDPM {@code CIS_bdpm} as CSV (specialities: CIS code, name, form, routes)
     * @param bdpmCompositionsFile BDPM {@code CIS_COMPO_bdpm} as CSV (substances); only read with
     *     {@code bdpmSpecialitesFile}
     * @param nerModelFile an OpenNLP NER model (.bin) trained on QUAERO, replacing the shipped one
     * @param nerEnabled false skips the NER model (faster; no medical entities), default true
     */
    public record Nlp(
            Path cim10File,
            Path bdpmSpecialitesFile,
            Path bdpmCompositionsFile,
            Path nerModelFile,
            @DefaultValue("true") boolean nerEnabled) {

        public Nlp {
            cim10File = orNull(cim10File);
            bdpmSpecialitesFile = orNull(bdpmSpecialitesFile);
            bdpmCompositionsFile = orNull(bdpmCompositionsFile);
            nerModelFile = orNull(nerModelFile);
        }

        /** The built-in dictionaries and model, NER on. */
        public static Nlp defaults() {
            return new Nlp(null, null, null, null, true);
        }

        /** The settings {@code ClinicalNlp} is built with. */
        public ClinicalNlpSettings settings() {
            return new ClinicalNlpSettings(
                    cim10File, bdpmSpecialitesFile, bdpmCompositionsFile, nerModelFile, nerEnabled);
        }

        @AssertTrue(message = "vigie.documents.nlp.cim10-file: no readable file at that path")
        public boolean isCim10FileReadable() {
            return readable(cim10File);
        }

        @AssertTrue(message = "vigie.documents.nlp.bdpm-specialites-file: no readable file at that path")
        public boolean isBdpmSpecialitesFileReadable() {
            return readable(bdpmSpecialitesFile);
        }

        @AssertTrue(message = "vigie.documents.nlp.bdpm-compositions-file: no readable file at that path")
        public boolean isBdpmCompositionsFileReadable() {
            return readable(bdpmCompositionsFile);
        }

        @AssertTrue(message = "vigie.documents.nlp.ner-model-file: no readable file at that path")
        public boolean isNerModelFileReadable() {
            return readable(nerModelFile);
        }

        private static Path orNull(Path path) {
            return path == null || path.toString().isBlank() ? null : path;
        }

        private static boolean readable(Path path) {
            return path == null || (Files.isRegularFile(path) && Files.isReadable(path));
        }
    }

    /** The defaults, for tests and the benchmark. */
    public static DocumentProperties defaults() {
        return new DocumentProperties(DataSize.ofMegabytes(20), true, Ocr.defaults(), Nlp.defaults());
    }
}
