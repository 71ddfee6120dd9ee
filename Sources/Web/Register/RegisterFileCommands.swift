import Domain
import Foundation
import Persistence
import Vapor

/// `jingmin import register FILE.csv`: all rows checked first; any problem → nothing imported.
struct ImportRegisterCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
    }
    var help: String { "导入基础台账 CSV (import households and residents)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let text = readImportFile(signature.file, context.console) else { return }
        let console = context.console
        let interactive = isatty(STDERR_FILENO) != 0
        do {
            let result = try await context.application.store.importRegister(csv: text, commandLineCaller) { done, total in
                // A progress bar on the terminal; silent when piped so logs stay clean.
                guard interactive, total >= 1000 || done == total else { return }
                let width = 30, filled = total == 0 ? width : done * width / total
                FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total)".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
            console.print("已导入 \(result.households) 户、\(result.residents) 人 (imported \(result.households) households, \(result.residents) residents)")
        } catch let v as ValidationFailure {
            refused(v, what: "数据", console)
        }
    }
}

/// `jingmin export register [--output FILE]`: the register in the import format (full ID numbers; audited).
struct ExportRegisterCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", short: "o") var output: String?
    }
    var help: String { "导出基础台账 CSV (export the register)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let handle: FileHandle
        if let path = signature.output {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let h = FileHandle(forWritingAtPath: path) else {
                context.console.error("无法写入 (cannot write) \(path)")
                CommandOutcome.fail(); return
            }
            handle = h
        } else {
            handle = FileHandle.standardOutput
        }
        let count = try await context.application.store.exportRegister(commandLineCaller) { handle.write(Data($0.utf8)) }
        if signature.output != nil {
            try handle.close()
            context.console.print("已导出 \(count) 人 (exported \(count) residents)")
        }
    }
}

/// `jingmin import grids FILE.geojson`: grid outlines for the coverage map; all features
/// checked first, any problem → nothing stored.
struct ImportGridOutlinesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file") var file: String
    }
    var help: String { "导入网格轮廓 GeoJSON (import grid outlines: a FeatureCollection, properties.code = grid code)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            context.console.error("无法读取文件 (cannot read the file): \(signature.file)")
            CommandOutcome.fail(); return
        }
        do {
            let n = try await context.application.store.importGridOutlines(geojson: data, commandLineCaller)
            context.console.print("已导入 \(n) 个网格轮廓 (imported \(n) grid outlines)")
        } catch let v as ValidationFailure {
            refused(v, what: "轮廓", context.console)
        }
    }
}

/// A file refused as a whole: nothing was imported; every problem listed, in Chinese; exit 1.
