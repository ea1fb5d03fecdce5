#!/usr/bin/env python3
# The lesson's Kafka consumer: group test-group reads test-topic from the earliest offset.
import os

from confluent_kafka import Consumer

# tag::consumer-config[]
consumer = Consumer({
    'bootstrap.servers': 'localhost:9092',
    'group.id': 'test-group',
    'auto.offset.reset': 'earliest',
})
consumer.subscribe(['test-topic'])
# end::consumer-config[]

try:
    while True:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        if msg.error():
            print(f'Consumer error: {msg.error()}')
            continue
        print(f'Received message: {msg.value().decode("utf-8")}', flush=True)
        # The lesson's consumer runs until Ctrl+C; a test or a demo can ask it to stop after one message.
        if os.environ.get('STOP_AFTER_ONE'):
            break
except KeyboardInterrupt:
    pass
finally:
    consumer.close()
