#!/usr/bin/env python3
# The lesson's RabbitMQ producer, unchanged in meaning: one message to the "hello" queue.
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()

# tag::publish[]
channel.queue_declare(queue='hello')

channel.basic_publish(exchange='', routing_key='hello', body='Hello, RabbitMQ! This is a test message.')
print(" [x] Sent 'Hello, RabbitMQ! This is a test message.'")
# end::publish[]

connection.close()
