import Foundation

/// A request as submitted by any channel, before it is trusted.
public struct RequestInput: Sendable, Codable, Equatable {
    public var kind: String
    public var categoryCode: String
    public var description: String
    public var address: String?
    public var gridID: Int64?
    public var latitude: Double?
    public var longitude: Double?
    /// A registered resident making the request (hotline, visit), when known.
    public var requesterResidentID: Int64?
    /// Otherwise a contact, or nothing at all: anonymous requests are allowed.
    public var contactName: String?
    public var contactPhone: String?

    public init(kind: String = RequestKind.request.rawValue, categoryCode: String, description: String, address: String? = nil, gridID: Int64? = nil,
                latitude: Double? = nil, longitude: Double? = nil, requesterResidentID: Int64? = nil, contactName: String? = nil, contactPhone: String? = nil) {
        self.kind = kind; self.categoryCode = categoryCode; self.description = description; self.address = address; self.gridID = gridID
        self.latitude = latitude; self.longitude = longitude; self.requesterResidentID = requesterResidentID
        self.contactName = contactName; self.contactPhone = contactPhone
    }
}

public struct ValidRequest: Sendable, Equatable {
    public var kind: RequestKind
    public var category: RequestCategory
    public var description: String
    public var address: String
    public var gridID: Int64?
    public var latitude: Double?
    public var longitude: Double?
    public var requesterResidentID: Int64?
    public var contactName: String
    public var contactPhone: String

    public init(kind: RequestKind, category: RequestCategory, description: String, address: String, gridID: Int64? = nil, latitude: Double? = nil,
                longitude: Double? = nil, requesterResidentID: Int64? = nil, contactName: String = "", contactPhone: String = "") {
        self.kind = kind; self.category = category; self.description = description; self.address = address; self.gridID = gridID
        self.latitude = latitude; self.longitude = longitude; self.requesterResidentID = requesterResidentID
        self.contactName = contactName; self.contactPhone = contactPhone
    }
}

public enum RequestRules {
    public static let maxDescription = 2000, maxAddress = 200, maxName = 40, maxOutcome = 2000

    /// Checks every field and reports all problems at once. Whether the grid or resident is in
    /// the caller's reach is the store's business.
    public static func validate(_ input: RequestInput, categories: [RequestCategory], requireLocation: Bool = true) -> Result<ValidRequest, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ f: String, _ p: FieldProblem) { errors.append(FieldError(field: f, problem: p)) }
        let kind = RequestKind(rawValue: input.kind)
        if kind == nil { fail("kind", .invalidChoice) }
        let code = input.categoryCode.trimmed
        let category = categories.first { $0.code == code && $0.active }
        if code.isEmpty { fail("categoryCode", .required) } else if category == nil { fail("categoryCode", .invalidChoice) }
        let text = input.description.trimmed
        if text.isEmpty { fail("description", .required) } else if text.count > maxDescription { fail("description", .tooLong) }
        let address = (input.address ?? "").trimmed
        if address.count > maxAddress { fail("address", .tooLong) }
        if requireLocation && address.isEmpty && input.gridID == nil { fail("address", .required) }
        switch (input.latitude, input.longitude) {
        case (nil, nil): break
        case (let lat?, let long?):
            if !(-90...90).contains(lat) { fail("latitude", .invalidChoice) }
            if !(-180...180).contains(long) { fail("longitude", .invalidChoice) }
        case (nil, _): fail("latitude", .required)
        case (_, nil): fail("longitude", .required)
        }
        let name = (input.contactName ?? "").trimmed
        if name.count > maxName { fail("contactName", .tooLong) }
        let phone = PhoneNumber.normalize(input.contactPhone ?? "")
        if !phone.isEmpty && !PhoneNumber.isValid(phone) { fail("contactPhone", .invalidPhone) }
        guard errors.isEmpty, let kind, let category else { return .failure(ValidationFailure(errors)) }
        return .success(ValidRequest(kind: kind, category: category, description: text, address: address, gridID: input.gridID,
                                     latitude: input.latitude, longitude: input.longitude, requesterResidentID: input.requesterResidentID,
                                     contactName: name, contactPhone: phone))
    }

    /// A written outcome (办结情况), a supervision note or a return-visit comment.
    public static func note(_ raw: String?, field: String, required: Bool) -> Result<String, ValidationFailure> {
        let text = (raw ?? "").trimmed
        if required && text.isEmpty { return .failure(ValidationFailure(field: field, .required)) }
        if text.count > maxOutcome { return .failure(ValidationFailure(field: field, .tooLong)) }
        return .success(text)
    }
}

/// Photos attached to a request: the bytes decide the type (the declared one is not trusted),
/// and only still images small enough for a phone upload are kept.
public enum PhotoRules {
    public static let maxBytes = 5 * 1024 * 1024, maxPhotos = 4

    public enum ImageType: String, Sendable { case jpeg = "image/jpeg", png = "image/png", webp = "image/webp" }

    public static func sniff(_ bytes: [UInt8]) -> ImageType? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// The type of each photo, or the field errors (`photos.N`) of those refused.
    public static func check(_ photos: [[UInt8]]) -> Result<[ImageType], ValidationFailure> {
        if photos.count > maxPhotos { return .failure(ValidationFailure(field: "photos", .tooLong)) }
        var errors: [FieldError] = [], types: [ImageType] = []
        for (i, p) in photos.enumerated() {
            switch check(p, field: "photos.\(i).file") {
            case .success(let t): types.append(t)
            case .failure(let f): errors += f.errors
            }
        }
        return errors.isEmpty ? .success(types) : .failure(ValidationFailure(errors))
    }

    /// One image (a photo, a scanned agreement): at most `maxBytes`, and a JPEG, PNG or WebP by its bytes.
    public static func check(_ image: [UInt8], field: String) -> Result<ImageType, ValidationFailure> {
        if image.count > maxBytes { return .failure(ValidationFailure(field: field, .tooLarge)) }
        guard let t = sniff(image) else { return .failure(ValidationFailure(field: field, .notAnImage)) }
        return .success(t)
    }
}
