#!/usr/bin/env python3
# The lesson's Kafka producer, corrected: the lesson calls poll(0) and exits, so a message still
# in the client's buffer is lost without a word. flush() waits until the broker has it and the
# delivery callback has run.
import sys

from confluent_kafka import Producer

producer = Producer({'bootstrap.servers': 'localhost:9092'})


def delivery_report(err, msg):
    if err is not None:
        print(f'Message delivery failed: {err}')
    else:
        print(f'Message delivered to {msg.topic()} [{msg.partition()}]')


# tag::produce-and-flush[]
producer.produce('test-topic', key='user_123', value='New user activity event', callback=delivery_report)
producer.poll(0)
undelivered = producer.flush(10)
sys.exit(1 if undelivered else 0)
# end::produce-and-flush[]
