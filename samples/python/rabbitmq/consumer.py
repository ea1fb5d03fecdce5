#!/usr/bin/env python3
# The lesson's RabbitMQ consumer, corrected for pika 1.x: the lesson calls
# basic_consume(queue='hello', auto_ack=True) without a callback, which pika 1.x rejects
# (on_message_callback is a required argument). auto_ack=True is kept: it means at-most-once
# delivery, as the guide explains.
import os
import sys

import pika


# tag::callback[]
def callback(ch, method, properties, body):
    print(f" [x] Received {body.decode()}", flush=True)
    # The lesson's consumer runs until Ctrl+C; a test or a demo can ask it to stop after one message.
    if os.environ.get('STOP_AFTER_ONE'):
        ch.stop_consuming()
# end::callback[]


connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()

channel.queue_declare(queue='hello')

# tag::basic-consume[]
channel.basic_consume(queue='hello', on_message_callback=callback, auto_ack=True)
# end::basic-consume[]

print(' [*] Waiting for messages. To exit press CTRL+C', flush=True)
try:
    channel.start_consuming()
except KeyboardInterrupt:
    sys.exit(0)
finally:
    connection.close()
