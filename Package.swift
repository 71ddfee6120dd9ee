// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "jingmin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jingmin", targets: ["jingmin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.86.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Imported directly, so named here (they come with Vapor and Fluent anyway).
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        // Pure rules and value types: no server, no database.
        .target(name: "Domain", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Persistence", dependencies: [
            "Domain",
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "SQLiteNIO", package: "sqlite-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .target(name: "Web", dependencies: [
            "Domain", "Persistence",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Public"), .copy("openapi.yaml")]),
        .executableTarget(name: "jingmin", dependencies: [
            "Web",
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "AppTests", dependencies: [
            "Web", "Persistence", "Domain",
            .product(name: "VaporTesting", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ]
)
