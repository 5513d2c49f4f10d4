// swift-tools-version:6.0
import PackageDescription

/// swift-automl: an AutoML engine served as a JSON-RPC 2.0 daemon on stdio.
///
/// Layers (lower never imports higher), see Documentation/Architecture.md:
/// CJansson -> AutoMLJSON -> AutoMLRPC; AutoMLNumerics -> AutoMLSpace -> AutoMLTrainer
/// -> AutoMLStrategies -> AutoMLNAS -> AutoMLEngine -> AutoMLServer -> automl (CLI).
let package = Package(
    name: "swift-automl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "automl", targets: ["AutoMLCLI"]),
        .library(
            name: "AutoML",
            targets: ["AutoMLJSON", "AutoMLRPC", "AutoMLNumerics", "AutoMLSpace", "AutoMLStrategies", "AutoMLEngine", "AutoMLServer", "AutoMLBenchmarks", "AutoMLTrainer", "AutoMLNAS"]
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CJansson",
            pkgConfig: "jansson",
            providers: [.apt(["libjansson-dev"])]
        ),
        .target(
            name: "AutoMLJSON",
            dependencies: ["CJansson", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(
            name: "AutoMLRPC",
            dependencies: ["AutoMLJSON", .product(name: "Logging", package: "swift-log")]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "AutoMLNumerics", dependencies: ["COpenBLAS"]),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "AutoMLSpace", dependencies: ["AutoMLJSON", "AutoMLNumerics"]),
        .target(
            name: "AutoMLTrainer",
            dependencies: ["AutoMLJSON", "AutoMLNumerics", "COpenBLAS", "CZlib"],
            exclude: ["Datasets/README.md"],
            resources: [.copy("Datasets")]
        ),
        .target(name: "AutoMLStrategies", dependencies: ["AutoMLJSON", "AutoMLNumerics", "AutoMLSpace"]),
        .target(
            name: "AutoMLNAS",
            dependencies: ["AutoMLJSON", "AutoMLNumerics", "AutoMLSpace", "AutoMLStrategies", "AutoMLTrainer"]
        ),
        .target(
            name: "AutoMLEngine",
            dependencies: ["AutoMLJSON", "AutoMLNumerics", "AutoMLSpace", "AutoMLStrategies", "AutoMLNAS", "AutoMLTrainer", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "AutoMLBenchmarks", dependencies: ["AutoMLJSON", "AutoMLNumerics", "AutoMLSpace", "AutoMLStrategies", "AutoMLEngine", "AutoMLTrainer", "AutoMLNAS"]),
        .target(
            name: "AutoMLServer",
            dependencies: ["AutoMLJSON", "AutoMLRPC", "AutoMLSpace", "AutoMLStrategies", "AutoMLEngine", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "AutoMLCLI",
            dependencies: [
                "AutoMLJSON", "AutoMLRPC", "AutoMLServer", "AutoMLEngine", "AutoMLBenchmarks", "AutoMLSpace", "AutoMLStrategies",
                "AutoMLTrainer", "AutoMLNAS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "AutoMLJSONTests", dependencies: ["AutoMLJSON"]),
        .testTarget(name: "AutoMLRPCTests", dependencies: ["AutoMLRPC", "AutoMLJSON"]),
        .testTarget(name: "AutoMLNumericsTests", dependencies: ["AutoMLNumerics"]),
        .testTarget(name: "AutoMLSpaceTests", dependencies: ["AutoMLSpace", "AutoMLJSON", "AutoMLNumerics"]),
        .testTarget(name: "AutoMLStrategiesTests", dependencies: ["AutoMLStrategies", "AutoMLSpace", "AutoMLJSON", "AutoMLNumerics", "AutoMLEngine"]),
        .testTarget(name: "AutoMLEngineTests", dependencies: ["AutoMLEngine", "AutoMLStrategies", "AutoMLSpace", "AutoMLJSON"]),
        .testTarget(name: "AutoMLBenchmarksTests", dependencies: ["AutoMLBenchmarks", "AutoMLEngine", "AutoMLJSON"]),
        .testTarget(name: "AutoMLTrainerTests", dependencies: ["AutoMLTrainer", "AutoMLJSON", "AutoMLNumerics"]),
        .testTarget(name: "AutoMLNASTests", dependencies: ["AutoMLNAS", "AutoMLStrategies", "AutoMLTrainer", "AutoMLSpace", "AutoMLJSON", "AutoMLNumerics", "AutoMLEngine"]),
        .testTarget(name: "AutoMLServerTests", dependencies: ["AutoMLServer", "AutoMLRPC", "AutoMLEngine", "AutoMLJSON"]),
    ],
    swiftLanguageModes: [.v6]
)
