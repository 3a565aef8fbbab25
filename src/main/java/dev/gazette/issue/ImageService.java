package dev.gazette.issue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.GazetteConfig;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Images for issues: kept in the database, typed by their bytes (PNG, JPEG, GIF, WebP; never SVG,
 * which can carry script), served under an unguessable key at an absolute URL for mail.
 */
@ApplicationScoped
class ImageService {

    private static final SecureRandom RANDOM = new SecureRandom();

    record StoredImage(long id, String url, String contentType, int size) {
    }

    record ImageData(String contentType, String sha256, byte[] data) {
    }

    private final Publications publications;
    private final GazetteConfig gazette;
    private final IssueConfig config;
    private final Clock clock;

    ImageService(Publications publications, GazetteConfig gazette, IssueConfig config, Clock clock) {
        this.publications = publications;
        this.gazette = gazette;
        this.config = config;
        this.clock = clock;
    }

    /** Size is checked by the caller before the bytes are read ({@link #requireSize}). */
    @Transactional
    StoredImage store(Caller caller, String publicationSlug, long issueId, byte[] data) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        Issue issue = IssueService.editable(publication, issueId);
        requireSize(data.length);
        String type = sniff(data).orElseThrow(() -> new DomainException(Kind.UNPROCESSABLE,
                "unsupported_image_type", "Images must be PNG, JPEG, GIF or WebP"));
        IssueImage image = new IssueImage();
        byte[] key = new byte[18];
        RANDOM.nextBytes(key);
        image.publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "." + extension(type);
        image.issueId = issue.id;
        image.contentType = type;
        image.sizeBytes = data.length;
        image.sha256 = sha256(data);
        image.data = data;
        image.createdAt = clock.instant();
        image.persist();
        return new StoredImage(image.id, url(image.publicKey), type, data.length);
    }

    void requireSize(long size) {
        if (size > config.maxImageBytes()) {
            throw new DomainException(Kind.TOO_LARGE, "image_too_large",
                    "An image may have at most " + config.maxImageBytes() + " bytes");
        }
        if (size == 0) {
            throw new DomainException(Kind.INVALID, "image_missing", "Send the image as the multipart field 'file'");
        }
    }

    @Transactional
    Optional<ImageData> find(String publicKey) {
        return IssueImage.<IssueImage>find("publicKey", publicKey).firstResultOptional()
                .map(image -> new ImageData(image.contentType, image.sha256, image.data));
    }

    String url(String publicKey) {
        return gazette.baseUrl().resolve("/images/" + publicKey).toString();
    }

    /** The image type the bytes say, whatever the client declared. */
    static Optional<String> sniff(byte[] d) {
        if (d.length >= 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G' && d[4] == 0x0d
                && d[5] == 0x0a && d[6] == 0x1a && d[7] == 0x0a) {
            return Optional.of("image/png");
        }
        if (d.length >= 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8 && (d[2] & 0xff) == 0xff) {
            return Optional.of("image/jpeg");
        }
        if (d.length >= 6 && d[0] == 'G' && d[1] == 'I' && d[2] == 'F' && d[3] == '8' && (d[4] == '7' || d[4] == '9')
                && d[5] == 'a') {
            return Optional.of("image/gif");
        }
        if (d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F' && d[8] == 'W' && d[9] == 'E'
                && d[10] == 'B' && d[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/png" -> "png";
            case "image/jpeg" -> "jpg";
            case "image/gif" -> "gif";
            default -> "webp";
        };
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
