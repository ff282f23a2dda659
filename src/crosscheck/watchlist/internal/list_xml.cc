#include "crosscheck/watchlist/internal/list_xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <climits>
#include <utility>

#include "crosscheck/common/strings.h"

namespace crosscheck::watchlist::internal {
namespace {

// Record keeps the first error libxml2 reports and counts the rest; a mutated file can raise
// thousands, and one located message is what a reader needs.
void Record(XmlErrors* errors, xmlErrorPtr error) {
  if (errors == nullptr || error == nullptr || error->level < XML_ERR_ERROR) return;
  if (errors->count++ == 0) {
    errors->line = error->line;
    errors->message = error->message == nullptr ? "" : std::string(TrimAscii(error->message));
  }
}

void OnXmlError(void* user_data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  Record(ctxt == nullptr ? nullptr : static_cast<XmlErrors*>(ctxt->_private), error);
}

void OnReaderError(void* user_data, xmlErrorPtr error) { Record(static_cast<XmlErrors*>(user_data), error); }

struct ReaderFree {
  void operator()(xmlTextReaderPtr reader) const { xmlFreeTextReader(reader); }
};

// kOptions: RECOVER reads what it can of a damaged file; NONET and no NOENT: no fetch, no
// entity expansion (a list file is data, never a reason to reach out or blow up).
constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING;

struct CtxtFree {
  void operator()(xmlParserCtxtPtr ctxt) const { xmlFreeParserCtxt(ctxt); }
};

std::unexpected<Error> NotXml(std::string_view file_name, const XmlErrors& errors) {
  return InvalidInput(std::string(file_name) + ": not XML" +
                      (errors.count > 0 ? " (line " + std::to_string(errors.line) + ": " + errors.message + ")" : ""));
}

}  // namespace

std::string XmlErrors::MalformedMessage() const {
  return "the XML is not well formed (" + message + (count > 1 ? ", and " + std::to_string(count - 1) + " more errors" : "") +
         "); entries after the damage may be missing";
}

Result<ListXml> ParseListXml(std::string_view text, std::string_view file_name) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) return InvalidInput(std::string(file_name) + " is too large");
  xmlInitParser();
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlCreateMemoryParserCtxt(text.data(), static_cast<int>(text.size())));
  if (ctxt == nullptr) return InvalidInput(std::string(file_name) + ": not XML (empty or unreadable)");
  xmlCtxtUseOptions(ctxt.get(), kOptions);
  XmlErrors errors;
  ctxt->_private = &errors;
  ctxt->sax->serror = OnXmlError;
  xmlParseDocument(ctxt.get());
  ListXml xml;
  xml.doc.reset(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  xml.root = xml.doc == nullptr ? nullptr : xmlDocGetRootElement(xml.doc.get());
  if (xml.root == nullptr) {
    return NotXml(file_name, errors);
  }
  xml.errors = std::move(errors);
  return xml;
}

Result<XmlErrors> StreamListXml(std::string_view text, std::string_view file_name, const char* root,
                                std::initializer_list<const char*> expand,
                                const std::function<void(const xmlNode*)>& visit) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) return InvalidInput(std::string(file_name) + " is too large");
  xmlInitParser();
  std::unique_ptr<xmlTextReader, ReaderFree> reader(
      xmlReaderForMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr, kOptions));
  if (reader == nullptr) return InvalidInput(std::string(file_name) + ": not XML (empty or unreadable)");
  XmlErrors errors;
  xmlTextReaderSetStructuredErrorHandler(reader.get(), OnReaderError, &errors);
  bool root_seen = false;
  int status = xmlTextReaderRead(reader.get());
  while (status == 1) {
    if (xmlTextReaderNodeType(reader.get()) != XML_READER_TYPE_ELEMENT) {
      status = xmlTextReaderRead(reader.get());
      continue;
    }
    const auto* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader.get()));
    if (!root_seen) {
      root_seen = true;
      if (name == nullptr || std::string_view(name) != root) {
        return InvalidInput(std::string(file_name) + ": root element is <" + (name == nullptr ? "" : name) + ">, not <" +
                            root + ">");
      }
    } else if (name != nullptr && std::any_of(expand.begin(), expand.end(), [&](const char* wanted) {
                 return std::string_view(name) == wanted;
               })) {
      if (const xmlNode* node = xmlTextReaderExpand(reader.get()); node != nullptr) visit(node);
      status = xmlTextReaderNext(reader.get());
      continue;
    }
    status = xmlTextReaderRead(reader.get());
  }
  if (!root_seen) {
    return NotXml(file_name, errors);
  }
  return errors;
}

bool IsElement(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, BAD_CAST name) == 0;
}

std::string NodeText(const xmlNode* node) {
  std::string text;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != nullptr) {
      text += reinterpret_cast<const char*>(child->content);
    }
  }
  return std::string(TrimAscii(text));
}

const xmlNode* ChildElement(const xmlNode* node, const char* name) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (IsElement(child, name)) return child;
  }
  return nullptr;
}

std::string ChildText(const xmlNode* node, const char* name) {
  const xmlNode* child = ChildElement(node, name);
  return child == nullptr ? std::string() : NodeText(child);
}

std::string Attribute(const xmlNode* node, const char* name) {
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (xmlStrcmp(attr->name, BAD_CAST name) != 0) continue;
    std::string value;
    for (const xmlNode* child = attr->children; child != nullptr; child = child->next) {
      if (child->content != nullptr) value += reinterpret_cast<const char*>(child->content);
    }
    return std::string(TrimAscii(value));
  }
  return std::string();
}

}  // namespace crosscheck::watchlist::internal
