package dev.brokersandbox.internal.management;

import java.util.Map;

/** An answer other than success, with RabbitMQ's status code and its {@code error} and {@code reason} fields. */
final class ApiError extends RuntimeException {

    final int status;
    final String error;

    ApiError(int status, String error, String reason) {
        super(reason);
        this.status = status;
        this.error = error;
    }

    /** RabbitMQ's 404 for a path that names nothing: a virtual host, queue, exchange, binding or connection. */
    static ApiError notFound() {
        return new ApiError(404, "Object Not Found", "Not Found");
    }

    static ApiError badRequest(String reason) {
        return new ApiError(400, "bad_request", reason);
    }

    /** 401 for what the user may not do (note RabbitMQ's spelling in this one). */
    static ApiError notAuthorised(String reason) {
        return new ApiError(401, "not_authorised", reason);
    }

    Map<String, Object> body() {
        return Map.of("error", error, "reason", getMessage());
    }
}
