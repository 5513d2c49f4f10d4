import AutoMLTrainer
import Testing

@Suite struct BuiltinDatasetsTests {
    @Test(arguments: ["digits.csv.gz", "mnist1d-train.csv.gz", "mnist1d-test.csv.gz"])
    func shippedFilesDecompressToCSVWithTheDocumentedShape(_ file: String) throws {
        let path = try #require(BuiltinDatasets.path(of: file))
        let text = String(decoding: try GzipFile.read(path), as: UTF8.self)
        let lines = text.split(separator: "\n")
        let expected: (rows: Int, columns: Int) = switch file {
        case "digits.csv.gz": (1797, 65)
        case "mnist1d-train.csv.gz": (4000, 41)
        default: (1000, 41)
        }
        #expect(lines.count == expected.rows + 1)
        #expect(lines[1].split(separator: ",").count == expected.columns)
    }

    @Test func aMissingFileIsAnErrorNotACrash() {
        #expect(throws: GzipFile.Failure.self) { try GzipFile.read("/nonexistent/file.gz") }
        #expect(BuiltinDatasets.path(of: "no-such.csv.gz") == nil)
    }
}
