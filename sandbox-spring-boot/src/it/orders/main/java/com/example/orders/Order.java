package com.example.orders;

/** An order, sent as {@code id,item,quantity} text: no JSON library, so one code base runs on Boot 3.5 and 4.0. */
public record Order(String id, String item, int quantity) {

    public Order {
        if (quantity < 1) {
            throw new IllegalArgumentException("order " + id + ": quantity must be at least 1, got " + quantity);
        }
    }

    public String toText() {
        return id + "," + item + "," + quantity;
    }

    public static Order parse(String text) {
        String[] parts = text.split(",");
        return new Order(parts[0], parts[1], Integer.parseInt(parts[2]));
    }
}
