package dev.brokersandbox.runtime.rabbit;

/** The AMQP 0-9-1 reply codes RabbitMQ answers with, by their names in the 0-9-1 specification. */
final class ReplyCode {

    static final int NO_ROUTE = 312;
    static final int ACCESS_REFUSED = 403;
    static final int NOT_FOUND = 404;
    static final int RESOURCE_LOCKED = 405;
    static final int PRECONDITION_FAILED = 406;
    static final int FRAME_ERROR = 501;
    static final int CHANNEL_ERROR = 504;
    static final int UNEXPECTED_FRAME = 505;
    static final int RESOURCE_ERROR = 506;
    static final int COMMAND_INVALID = 503;
    static final int NOT_ALLOWED = 530;
    static final int NOT_IMPLEMENTED = 540;

    private ReplyCode() {
    }
}
