package dev.gazette.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.gazette.core.DomainException;
import dev.gazette.core.FieldError;

/**
 * The one place where failures become HTTP answers: {@code application/problem+json} with a stable
 * {@code code}. Clients never see a stack trace or a class name; unexpected failures are logged
 * with an id that the answer repeats.
 */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response domain(DomainException e) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNPROCESSABLE -> 422;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
        };
        Response.ResponseBuilder response = answer(status, e.code(), e.getMessage(), e.fieldErrors());
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    Response validation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(FieldError.of(violation));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field).thenComparing(FieldError::code));
        return answer(400, "validation_failed", "The request has invalid fields", errors).build();
    }

    @ServerExceptionMapper
    Response unknownField(UnrecognizedPropertyException e) {
        return answer(400, "unknown_field", "The request has a field this endpoint does not take",
                List.of(new FieldError(path(e), "unknown_field", "is not a field of this request"))).build();
    }

    @ServerExceptionMapper
    Response wrongType(InvalidFormatException e) {
        return answer(400, "invalid_field_type", "A field has a value of the wrong type",
                List.of(new FieldError(path(e), "invalid_type", "has the wrong type"))).build();
    }

    @ServerExceptionMapper
    Response mismatched(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (e instanceof InvalidFormatException invalid) {
            return wrongType(invalid);
        }
        String field = path(e);
        return field.isEmpty()
                ? answer(400, "malformed_json", "The body is not the JSON object this endpoint takes", List.of()).build()
                : answer(400, "invalid_field_type", "A field has a value of the wrong type",
                        List.of(new FieldError(field, "invalid_type", "has the wrong type"))).build();
    }

    @ServerExceptionMapper
    Response malformed(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatched) {
            return mismatched(mismatched);
        }
        return answer(400, "malformed_json", "The body is not valid JSON", List.of()).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        if (!path.startsWith("/api/")) {
            // a page: send the person to the login form, and back here afterwards
            String query = uri.getRequestUri().getRawQuery();
            String next = path + (query == null ? "" : "?" + query);
            return Response.seeOther(java.net.URI.create("/login?next="
                    + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8))).build();
        }
        return answer(401, "unauthenticated", "Log in first: send a valid token as 'Authorization: Bearer <token>'",
                List.of()).header("WWW-Authenticate", "Bearer realm=\"gazette\"").build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return answer(403, "forbidden", "This needs a role the caller does not have", List.of()).build();
    }

    @ServerExceptionMapper
    Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json); // the JSON reader wraps what it could not parse
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        Response.ResponseBuilder answer = answer(status, code, Response.Status.fromStatusCode(status) == null
                ? "Request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), List.of());
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            answer.header("Allow", allow);
        }
        return answer.build();
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s", id);
        return answer(500, "internal_error", "Something went wrong on our side (error id " + id + ")", List.of()).build();
    }

    static Response.ResponseBuilder answer(int status, String code, String detail, List<FieldError> errors) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, code, detail, errors));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
