"""scraper: polite, incremental crawling of portal news into Pages and Articles."""
