#include "crosscheck/watchlist/internal/list_xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <utility>

#include "crosscheck/common/strings.h"

namespace crosscheck::watchlist::internal {
namespace {

// ParseErrors keeps the first error libxml2 reports and counts the rest; a mutated file can
// raise thousands, and one located message is what a reader needs.
struct ParseErrors {
  int count = 0;
  long line = 0;
  std::string message;
};

void OnXmlError(void* user_data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  auto* errors = ctxt == nullptr ? nullptr : static_cast<ParseErrors*>(ctxt->_private);
  if (errors == nullptr || error == nullptr || error->level < XML_ERR_ERROR) return;
  if (errors->count++ == 0) {
    errors->line = error->line;
    errors->message = error->message == nullptr ? "" : std::string(TrimAscii(error->message));
  }
}

struct CtxtFree {
  void operator()(xmlParserCtxtPtr ctxt) const { xmlFreeParserCtxt(ctxt); }
};

}  // namespace

std::string ListXml::MalformedMessage() const {
  return "the XML is not well formed (" + error_message +
         (errors > 1 ? ", and " + std::to_string(errors - 1) + " more errors" : "") +
         "); entries after the damage may be missing";
}

Result<ListXml> ParseListXml(std::string_view text, std::string_view file_name) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) return InvalidInput(std::string(file_name) + " is too large");
  xmlInitParser();
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlCreateMemoryParserCtxt(text.data(), static_cast<int>(text.size())));
  if (ctxt == nullptr) return InvalidInput(std::string(file_name) + ": not XML (empty or unreadable)");
  // RECOVER reads what it can of a damaged file; NONET and no NOENT: no fetch, no entity
  // expansion (a list file is data, never a reason to reach out or blow up).
  xmlCtxtUseOptions(ctxt.get(), XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);
  ParseErrors errors;
  ctxt->_private = &errors;
  ctxt->sax->serror = OnXmlError;
  xmlParseDocument(ctxt.get());
  ListXml xml;
  xml.doc.reset(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  xml.root = xml.doc == nullptr ? nullptr : xmlDocGetRootElement(xml.doc.get());
  if (xml.root == nullptr) {
    return InvalidInput(std::string(file_name) + ": not XML" +
                        (errors.count > 0 ? " (line " + std::to_string(errors.line) + ": " + errors.message + ")" : ""));
  }
  xml.errors = errors.count;
  xml.error_line = errors.line;
  xml.error_message = std::move(errors.message);
  return xml;
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
