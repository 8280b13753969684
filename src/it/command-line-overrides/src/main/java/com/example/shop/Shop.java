package com.example.shop;

public final class Shop {
  public static void main(String[] args) {
    System.out.println("shop open");
  }
}
